"""Tables and API schemas, one family per resource (XBase -> X(table) -> XCreate -> XPublic)."""
from app.models.articles import (
    Article,
    ArticleBase,
    ArticleCreate,
    ArticleDetail,
    ArticlePublic,
    Outlet,
    OutletPublic,
)
from app.models.common import Page, ProblemDetail, utcnow
from app.models.entities import ArticleEntity, Entity, EntityMention, EntityPublic
from app.models.groups import (
    OutletCoverage,
    Rendering,
    RenderingDiffPublic,
    Story,
    StoryArticle,
    StoryDetail,
    StoryPublic,
    StoryUtterance,
    Utterance,
    UtteranceDetail,
    UtterancePublic,
)
from app.models.quotes import Quote, QuoteBase, QuoteContent, QuotePublic, SpeakerRef
from app.models.speakers import Speaker, SpeakerAlias, SpeakerBase, SpeakerPublic
from app.models.topics import (
    ArticleTopic,
    QuoteTopic,
    Topic,
    TopicBase,
    TopicPublic,
    TopicUpdate,
)

__all__ = [
    "Article", "ArticleBase", "ArticleCreate", "ArticleDetail", "ArticlePublic",
    "ArticleEntity", "ArticleTopic", "Entity", "EntityMention", "EntityPublic",
    "Outlet", "OutletPublic", "Page", "ProblemDetail", "Quote", "QuoteBase", "QuotePublic",
    "QuoteContent", "QuoteTopic", "Speaker", "SpeakerAlias", "SpeakerBase", "SpeakerPublic",
    "SpeakerRef",
    "Topic", "TopicBase", "TopicPublic", "TopicUpdate", "utcnow", "Utterance", "Story",
    "RenderingDiffPublic",
    "OutletCoverage", "Rendering", "StoryArticle", "StoryDetail", "StoryPublic", "StoryUtterance",
    "UtteranceDetail", "UtterancePublic",
]
