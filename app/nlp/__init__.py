"""Pure-Python language processing: quotes, speakers, topics and entities.

Imports nothing from the rest of `app`, so it is usable (and tested) without a database.
"""
