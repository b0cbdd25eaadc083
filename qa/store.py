"""The Chroma vector store (embedded on disk in the index folder, or a Chroma server), its manifest, and the
incremental sync that embeds only new or changed articles."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from llama_index.core.schema import MetadataMode, NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.vector_stores.chroma import ChromaVectorStore

from qa.chunking import Chunk, split
from qa.config import Settings
from qa.corpus import Article, Corpus, Skipped
from qa.embeddings import MODEL_NAME, embed_model
from qa.errors import StoreError

COLLECTION = "articles"
MANIFEST = "manifest.json"
# Bump when what is stored for a chunk changes (its shape, or where sentences and chunks end), so that old
# indexes are rebuilt rather than misread. 2: news abbreviations ("No. 17") no longer end a sentence. 3: nor do
# initials or a title before a name ("C.J. Stroud", "Warner Bros. Discovery").
INDEX_FORMAT = 3
_EMBED_KEYS = ("title", "source", "author", "published")


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: article paths added, updated, removed and unchanged; files skipped with why."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    chunks_embedded: int = 0
    rebuilt_because: str | None = None

    @property
    def changed(self) -> bool:
        """True when the index was written to."""
        return bool(self.added or self.updated or self.removed or self.rebuilt_because)


def index_settings(settings: Settings) -> dict[str, object]:
    """The settings that shape the index; a change to any of them means a rebuild."""
    return {"model": MODEL_NAME, "chunk_words": settings.chunk_words, "format": INDEX_FORMAT}


def _fingerprint(article: Article) -> dict[str, str]:
    # The raw file's hash says the file changed; the cleaned text's hash catches a change in the cleaning rules,
    # which would move every stored offset.
    return {"sha256": article.sha256, "text_sha256": hashlib.sha256(article.text.encode()).hexdigest()}


def chunk_node(chunk: Chunk) -> TextNode:
    """The llama-index node for a chunk: its text, the article's metadata, and its offsets."""
    a = chunk.article
    node = TextNode(
        id_=chunk.id,
        text=chunk.text,
        start_char_idx=chunk.start,
        end_char_idx=chunk.end,
        metadata={
            "title": a.title,
            "source": a.source or "",
            "author": a.author or "",
            "published": a.published.isoformat() if a.published else "",
            "published_inferred": a.published_inferred,
            "path": a.path,
            "start": chunk.start,
            "end": chunk.end,
        },
    )
    node.excluded_embed_metadata_keys = [k for k in node.metadata if k not in _EMBED_KEYS]
    node.excluded_llm_metadata_keys = list(node.excluded_embed_metadata_keys)
    node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=a.path)
    return node


class Store:
    """The index of one articles folder: a Chroma collection plus a manifest of what it holds."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir = Path(settings.index_dir)
        self.manifest_path = self.dir / MANIFEST
        self._open()

    def _open(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.settings.chroma_url:
            url = urlparse(self.settings.chroma_url)
            self.client = chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        else:
            self.dir.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(path=str(self.dir), settings=chroma_settings)
        self.collection = self.client.get_or_create_collection(COLLECTION, metadata={"hnsw:space": "cosine"})
        self.collection.count()  # touches the data: a corrupt store fails here, not mid-query
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)

    @classmethod
    def open(cls, settings: Settings) -> tuple[Store, str | None]:
        """Open the index; an unreadable one is rebuilt empty. Returns the store and why it was reset, if it was."""
        try:
            return cls(settings), None
        except Exception as exc:  # chromadb raises many kinds on a damaged store
            if settings.chroma_url:
                raise StoreError(f"Cannot use the Chroma server at {settings.chroma_url}: {exc}") from exc
            _wipe(Path(settings.index_dir))
            return cls(settings), f"the index in {settings.index_dir} was unreadable ({type(exc).__name__})"

    def read_manifest(self) -> dict:
        """The manifest, or an empty one when it is missing or unreadable."""
        try:
            data = json.loads(self.manifest_path.read_text())
            if isinstance(data, dict) and isinstance(data.get("articles"), dict):
                return data
        except (OSError, ValueError):
            pass
        return {"settings": None, "articles": {}}

    def _write_manifest(self, articles: dict[str, dict]) -> None:
        data = {"settings": index_settings(self.settings), "articles": articles}
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
        tmp.replace(self.manifest_path)

    def _rebuild_reason(self, manifest: dict) -> str | None:
        if manifest["settings"] is None:
            return "no manifest" if self.collection.count() else None
        if manifest["settings"] != index_settings(self.settings):
            return "the settings that shape the index changed"
        if self.collection.count() != sum(e.get("chunks", 0) for e in manifest["articles"].values()):
            return "the store and its manifest disagree"
        return None

    def sync(self, corpus: Corpus, progress: Callable[[int, int], None] | None = None) -> SyncReport:
        """Embed new or changed articles, remove deleted ones, rebuild when the settings changed."""
        manifest = self.read_manifest()
        rebuild = self._rebuild_reason(manifest)
        if rebuild:
            self.client.delete_collection(COLLECTION)
            self._open()
            manifest = {"settings": None, "articles": {}}
        known: dict[str, dict] = manifest["articles"]
        current = {a.path: a for a in corpus.articles}
        added = [p for p in current if p not in known]
        updated = [p for p in current if p in known and _fingerprint(current[p]).items() - known[p].items()]
        removed = [p for p in known if p not in current]
        unchanged = [p for p in current if p not in added and p not in updated]

        entries = {p: known[p] for p in unchanged}
        for path in removed:
            self.vector_store.delete(ref_doc_id=path)
        todo = [current[p] for p in added + updated]
        embedded = 0
        for i, article in enumerate(todo):
            self.vector_store.delete(ref_doc_id=article.path)  # idempotent after an interrupted sync
            nodes = [chunk_node(c) for c in split(article, self.settings.chunk_words)]
            vectors = embed_model().get_text_embedding_batch(
                [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
            )
            for node, vector in zip(nodes, vectors, strict=True):
                node.embedding = vector
            if nodes:
                self.vector_store.add(nodes)
            embedded += len(nodes)
            entries[article.path] = {**_fingerprint(article), "chunks": len(nodes), "title": article.title}
            if progress:
                progress(i + 1, len(todo))
        if rebuild or todo or removed or manifest["settings"] is None:
            self._write_manifest(entries)
        return SyncReport(
            added=tuple(added),
            updated=tuple(updated),
            removed=tuple(removed),
            unchanged=tuple(unchanged),
            skipped=corpus.skipped,
            chunks_embedded=embedded,
            rebuilt_because=rebuild,
        )

    def nodes(self) -> list[TextNode]:
        """Every stored chunk as a node (for BM25, which keeps no index of its own on disk)."""
        got = self.collection.get(include=["documents", "metadatas"])
        return [metadata_dict_to_node(m, text=t) for m, t in zip(got["metadatas"], got["documents"], strict=True)]


def _wipe(index_dir: Path) -> None:
    """Remove an unreadable index, but only a folder that holds nothing but an index of ours."""
    from chromadb.api.shared_system_client import SharedSystemClient

    ours = {MANIFEST, "chroma.sqlite3", MANIFEST.replace(".json", ".tmp")}
    for entry in index_dir.iterdir():
        if entry.is_file() and entry.name not in ours:
            raise StoreError(
                f"{index_dir} is unreadable as an index and holds other files ({entry.name}): "
                "point QA_INDEX_DIR at an empty folder"
            )
    for entry in index_dir.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    SharedSystemClient.clear_system_cache()
