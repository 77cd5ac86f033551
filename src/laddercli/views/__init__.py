"""What each command shows, as document blocks and as data."""
