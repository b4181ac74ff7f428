"""`{{ text|markdown }}`: Markdown rendered through the sanitiser in meetings/markdown.py."""

from django import template

from meetings.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render(text or "")
