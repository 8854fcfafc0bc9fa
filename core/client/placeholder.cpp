// Replaced by the client layer.
