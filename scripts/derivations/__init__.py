"""One module per family of raw sources; each exports ``TABLES`` (name -> derive function)."""
