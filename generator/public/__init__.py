"""The public catalog: allow-list views and the site made of them."""
