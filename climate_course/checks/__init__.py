"""One module per exercise notebook, each registering its questions' checks."""
