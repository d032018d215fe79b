from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class TopicBase(SQLModel):
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=2000)
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Topic(TopicBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=100, unique=True, index=True)
    article_count: int = 0
    quote_count: int = 0


class TopicPublic(TopicBase):
    slug: str
    article_count: int
    quote_count: int


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
