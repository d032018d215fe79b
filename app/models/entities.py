from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.common import utcnow


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
    id: int
    name: str
    type: str
    count: int


class EntityPublic(BaseModel):
    id: int
    name: str
    slug: str
    type: str
    mention_count: int
    article_count: int
    updated_at: datetime
