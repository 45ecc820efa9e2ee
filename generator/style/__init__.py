"""The house style in one place: geometry, faces, roles, colours, labels, dates."""
