"""The shared pager, for the features of `meetings`: it lives in config/paging.py, below every
app, so the representatives' lists page the same way."""

from config.paging import PER_PAGE, IdsFirst, counted_page, fetched_page, page_number, page_of

__all__ = ["PER_PAGE", "IdsFirst", "counted_page", "fetched_page", "page_number", "page_of"]
