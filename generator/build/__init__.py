"""Plans outputs, renders them, writes them atomically."""
