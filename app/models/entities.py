from datetime import datetime

from pydantic import BaseModel
from pydantic import Field as ApiField
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import utcnow
from app.models.enums import EntityType


class Entity(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("type", "slug"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=300)
    slug: str = Field(max_length=300, index=True)
    type: str = Field(max_length=20, index=True)
    mention_count: int = 0
    article_count: int = 0
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class ArticleEntity(SQLModel, table=True):
    __tablename__ = "article_entity"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    entity_id: int = Field(
        foreign_key="entity.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    count: int = 1


class EntityMention(BaseModel):
    """An entity as named in one article."""

    id: int = ApiField(description="Entity id.", examples=[3])
    slug: str = ApiField(description="Entity slug.", examples=["nato"])
    name: str = ApiField(description="Name as most often written.", examples=["NATO"])
    type: EntityType = ApiField(description="A person, an organisation or a place.",
                                examples=["organization"])
    count: int = ApiField(description="Mentions in the article.", examples=[4])


class EntityPublic(BaseModel):
    """A person, organisation or place named in the articles."""

    id: int = ApiField(description="Entity id.", examples=[3])
    slug: str = ApiField(description="Entity slug, usable wherever an id is (the most "
                         "mentioned entity wins when two types share it).", examples=["nato"])
    name: str = ApiField(description="Name as most often written.", examples=["NATO"])
    type: EntityType = ApiField(description="A person, an organisation or a place.",
                                examples=["organization"])
    mention_count: int = ApiField(description="Mentions in all articles.", examples=[57])
    article_count: int = ApiField(description="Articles naming it.", examples=[21])
    updated_at: datetime = ApiField(description="Last time it or its counts changed.",
                                    examples=["2021-03-24T08:00:00Z"])
