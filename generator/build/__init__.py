"""The build machinery: workers, Markdown, search, sitemap, leak guard, swap."""
