"""Metadata: the <meta> keys read for each field, most trusted first, and the schema.org types that
mark an article, a page and an organisation."""

from __future__ import annotations

# jsonld.py: reading JSON-LD
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "SocialMediaPosting",
        "NewsMediaArticle",
    }
)
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "CollectionPage"})

ORGANISATION_TYPES = frozenset(
    {"Organization", "NewsMediaOrganization", "Corporation", "WebSite", "EducationalOrganization", "LocalBusiness"}
)


# metadata.py: settling the metadata
META_HEADLINE = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "title")
META_DESCRIPTION = ("description", "og:description", "twitter:description", "dc.description")
META_PUBLISHED = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "date",
    "pubdate",
    "publishdate",
    "published",
    "publish-date",
    "publication_date",
    "datepublished",
    "article.published",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
)
META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "dcterms.modified",
    "last-modified",
    "datemodified",
    "article.updated",
    "lastmod",
)
META_AUTHOR = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "twitter:creator",
    "og:article:author",
    "cxenseparse:author",
)
META_SITE = ("og:site_name", "application-name", "twitter:site", "publisher")
META_SECTION = ("article:section", "parsely-section", "section", "og:article:section")
META_TAGS = ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags")
