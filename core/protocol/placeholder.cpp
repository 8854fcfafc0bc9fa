// Replaced by the protocol layer.
