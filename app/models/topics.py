from datetime import datetime
from typing import Annotated

from pydantic import ConfigDict, StringConstraints
from pydantic import Field as ApiField
from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


class TopicBase(SQLModel):
    name: str = Field(max_length=200, description="Display name.",
                      schema_extra={"examples": ["Turkey"]})
    description: str = Field(default="", max_length=2000, description="What the topic covers.",
                             schema_extra={"examples": ["Turkey, its government and its "
                                                        "foreign policy."]})
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False),
                                description="Words and names that signal the topic.",
                                schema_extra={"examples": [["Turkey", "Ankara", "Erdogan"]]})


class Topic(TopicBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=100, unique=True, index=True)
    article_count: int = 0
    quote_count: int = 0
    edited_at: datetime | None = None  # edited through the API: the topics file no longer rules
    updated_at: datetime = Field(default_factory=utcnow, index=True)


_ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200,
                                           pattern=_ONE_LINE)]


class TopicUpdate(SQLModel):
    """A topic definition, as sent with PUT /topics/{slug}."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Turkey", "description": "Turkey, its government and its foreign policy.",
        "keywords": ["Turkey", "Turkish", "Ankara", "Erdogan", "Cavusoglu", "S-400"]}]})

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200,
                                           pattern=_ONE_LINE)] = ApiField(
        description="Display name.", examples=["Turkey"])
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = (
        ApiField(default="", description="What the topic covers.",
                 examples=["Turkey, its government and its foreign policy."]))
    keywords: list[Keyword] = ApiField(
        min_length=1, max_length=500,
        description="Words and names that signal the topic, matched as whole words with their "
        "plural and possessive; a lowercase keyword in any case, a capitalised one as a proper "
        "noun (`Turkey` is not `turkey`).", examples=[["Turkey", "Ankara", "Erdogan"]])


class TopicPublic(TopicBase):
    """A topic: its definition and how much is tagged with it."""

    id: int = ApiField(description="Topic id.", examples=[4])
    slug: str = ApiField(description="Topic slug, usable wherever an id is.",
                         examples=["turkey"])
    article_count: int = ApiField(description="Articles about it (duplicates left out).",
                                  examples=[41])
    quote_count: int = ApiField(description="Quotes about it (duplicates left out).",
                                examples=[230])
    edited_at: datetime | None = ApiField(
        default=None, description="When it was last defined through `PUT /topics/{key}`; null "
        "while the topics file defines it.", examples=[None])
    updated_at: datetime = ApiField(description="Last time it or its counts changed.",
                                    examples=["2021-03-24T08:00:00Z"])


class ArticleTopic(SQLModel, table=True):
    __tablename__ = "article_topic"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, index=True, ondelete="CASCADE")
    triggers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    count: int = 0


class QuoteTopic(SQLModel, table=True):
    __tablename__ = "quote_topic"

    quote_id: int = Field(foreign_key="quote.id", primary_key=True, ondelete="CASCADE")
    topic_id: int = Field(foreign_key="topic.id", primary_key=True, index=True, ondelete="CASCADE")
    triggers: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
