"""Search over the supply and demand lists: the interface, the document shape, two backends."""
