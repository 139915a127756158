"""The planning domain (MODEL.md), pure: no Qt, no files."""
