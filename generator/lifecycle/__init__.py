"""`refcat lifecycle update`: keep `content/lifecycle/` as endoflife.date publishes it.

`source` fetches a product (a checkout's file, or the API's releases), `releases`
reads and edits the `releases:` of a lifecycle file line by line (so that every other
byte stays endoflife.date's), `changes` says what moved.
"""
