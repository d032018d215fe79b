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
from app.models.common import (
    FacetCount,
    Facets,
    Page,
    PeriodCount,
    Problem,
    ProblemError,
    Timeline,
    utcnow,
)
from app.models.entities import ArticleEntity, Entity, EntityMention, EntityPublic
from app.models.enums import (
    ArticleFacet,
    Duplicates,
    EntityType,
    ExportFormat,
    Interval,
    QuoteFacet,
    QuoteInclude,
    QuoteKind,
    SearchSort,
    SpeakerSort,
    TimeSort,
)
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
from app.models.quotes import (
    ArticleSummary,
    Quote,
    QuoteBase,
    QuoteContent,
    QuotePublic,
    QuoteRow,
    SpeakerRef,
)
from app.models.speakers import (
    ArticleSpeaker,
    Speaker,
    SpeakerAlias,
    SpeakerBase,
    SpeakerPublic,
    SpeakerRedirect,
    SpeakerSummary,
)
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
    "ArticleSummary", "FacetCount", "Facets", "PeriodCount", "Problem", "ProblemError",
    "SpeakerSummary", "Timeline", "ArticleFacet", "Duplicates", "EntityType", "ExportFormat",
    "Interval", "QuoteFacet", "QuoteInclude", "QuoteKind", "SearchSort", "SpeakerSort",
    "TimeSort",
    "Outlet", "OutletPublic", "Page", "Quote", "QuoteContent", "QuoteBase", "QuotePublic",
    "QuoteRow", "QuoteTopic", "Speaker", "SpeakerAlias", "SpeakerRedirect", "ArticleSpeaker",
    "SpeakerBase", "SpeakerPublic",
    "SpeakerRef",
    "Topic", "TopicBase", "TopicPublic", "TopicUpdate", "utcnow", "Utterance", "Story",
    "RenderingDiffPublic",
    "OutletCoverage", "Rendering", "StoryArticle", "StoryDetail", "StoryPublic", "StoryUtterance",
    "UtteranceDetail", "UtterancePublic",
]
