"""Newsquotes: who said what, about which topic, in which outlet."""
