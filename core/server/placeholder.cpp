// Replaced by the server layer.
