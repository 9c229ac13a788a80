"""Test helpers: factories and the persona world shared by every app's tests."""
