"""What a role file may hold, read safely, checked and cached."""
