"""The ONNX classifier: one encoder pass per batch gives embedding, category and urgency.

Reads the model layer's content (encoder.onnx, tokenizer.json, manifest.json) lazily on
first use. A latency budget is enforced by abandoning the ONNX Runtime call from a timer
(RunOptions.terminate), so an overrunning inference really stops instead of being
noticed after the fact.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from smart_support.classification import Classification, Neighbour
from smart_support.config import CATEGORIES, Settings, get_settings
from smart_support.masking import mask_volatile

OUTPUTS = ("embedding", "category_probs", "urgency")
# Given by a graph with a neighbour vote, with neighbours.json naming their rows.
NEIGHBOUR_OUTPUTS = ("neighbours", "neighbour_similarity")
EXPLAINED_NEIGHBOURS = 3  # nearest examples each answer carries for its explanation
RATED_NEIGHBOURS = 3  # nearest examples with an urgency label, for the urgency's explanation
EXCERPT_CHARS = 80
MAX_TOKENS = 256
# ORT's load-time fusion of each residual Add + LayerNormalization into one
# SkipLayerNormalization. Its CPU kernel is a plain scalar loop: at 50 tokens it took 100 us
# against 23 us for the Add + LayerNormalization it replaces (onnxruntime 1.32, x86_64), so
# MiniLM's 12 cost about 1 ms of an 8 ms int8 run. The build embeds with the same setting,
# so the heads are trained on the vectors served.
DISABLED_OPTIMIZERS = ("SkipLayerNormFusion",)


class ModelError(Exception):
    """The model could not answer; the caller falls back to the baseline."""

    code = "model_error"


class ModelUnavailable(ModelError):
    """The model's files are missing, unreadable or do not match this code."""

    code = "model_unavailable"


class ModelTimeout(ModelError):
    """The call overran its latency budget and was abandoned."""

    code = "model_timeout"


def token_ids(tokenizer: Any, texts: Sequence[str]) -> list[list[int]]:
    """Token ids the encoder reads for each text: volatile details masked, then tokenized.

    The one place texts become model input, for serving, the build and the evaluation.
    """
    return [e.ids for e in tokenizer.encode_batch([mask_volatile(str(t)) for t in texts])]


def length_groups(lengths: Sequence[int], max_batch: int) -> list[list[int]]:
    """Indices grouped by similar token length, each group one ONNX call.

    Padding costs compute for every padded position, so a 20-token ticket should not be
    padded to 256 because a long one shares its batch; but every extra call costs a fixed
    overhead too, so a group only splits when the longest would more than double it.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    groups: list[list[int]] = []
    for i in order:
        if groups:
            group = groups[-1]
            shortest = lengths[group[0]]
            if len(group) < max_batch and lengths[i] <= max(2 * shortest, shortest + 16):
                group.append(i)
                continue
        groups.append([i])
    return groups


def pad(ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) padded to the longest sequence of the group."""
    width = max(len(x) for x in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for row, seq in enumerate(ids):
        input_ids[row, : len(seq)] = seq
        mask[row, : len(seq)] = 1
    return input_ids, mask


class OnnxClassifier:
    """Classifier backed by the model layer; thread-safe once loaded."""

    name = "onnx"

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        settings: Settings | None = None,
        intra_op_threads: int = 1,
        model_path: str | Path | None = None,
        embedding_space: str | None = None,
        max_batch: int = 1,
    ) -> None:
        """``model_dir`` holds the layer content (default: settings.resolved_model_dir).

        ``model_path`` swaps in another graph with the same inputs and outputs (the fp32
        build, for benchmarks); ``embedding_space`` then names its vectors.

        ``max_batch`` is how many texts share one ONNX run. The int8 graph quantises its
        activations with one scale per run, so a text's answer would shift slightly with
        whatever shares its run (embedding cosine down to 0.98 in a batch of 16); one text
        per run keeps every ticket's answer, and its storm similarity, independent of SQS
        batching, and on CPU it is no slower per ticket than padded batches.
        """
        base = Path(model_dir) if model_dir else (settings or get_settings()).resolved_model_dir
        self.model_dir = base
        self.model_path = Path(model_path) if model_path else base / "encoder.onnx"
        self.intra_op_threads = intra_op_threads
        self.max_batch = max_batch
        self._space_override = embedding_space
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._manifest: dict[str, Any] = {}
        self._examples: list[dict[str, Any]] = []
        self._outputs: list[str] = list(OUTPUTS)

    @property
    def loaded(self) -> bool:
        return self._session is not None

    @property
    def manifest(self) -> dict[str, Any]:
        self.load()
        return self._manifest

    @property
    def embedding_space(self) -> str:
        return self._space_override or str(self.manifest["embedding_space"])

    def load(self) -> OnnxClassifier:
        """Open session and tokenizer once; raises ModelUnavailable if the files are unusable."""
        if self._session is not None:
            return self
        with self._lock:
            if self._session is None:
                self._open()
        return self

    def _open(self) -> None:
        # Imported here so a process configured for the baseline never pays for them.
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelUnavailable(f"model runtime not installed: {exc}") from exc
        try:
            manifest = json.loads((self.model_dir / "manifest.json").read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"no usable manifest in {self.model_dir}: {exc}") from exc
        if tuple(manifest.get("labels", ())) != CATEGORIES:
            raise ModelUnavailable(
                f"model labels {manifest.get('labels')} differ from {list(CATEGORIES)}"
            )
        try:
            tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises a bare Exception on bad JSON
            raise ModelUnavailable(f"no usable tokenizer in {self.model_dir}: {exc}") from exc
        # Groups are padded here, per length group, rather than by the tokenizer.
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.intra_op_threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # Spinning worker threads burn CPU that Lambda bills and neighbours need.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            session = ort.InferenceSession(
                str(self.model_path),
                options,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=list(DISABLED_OPTIMIZERS),
            )
        except Exception as exc:
            raise ModelUnavailable(f"cannot load {self.model_path}: {exc}") from exc
        missing = set(OUTPUTS) - {o.name for o in session.get_outputs()}
        if missing:
            raise ModelUnavailable(f"{self.model_path} lacks outputs {sorted(missing)}")
        self.attach(session, tokenizer, manifest, self._read_examples(session))

    def _read_examples(self, session: Any) -> list[dict[str, Any]]:
        """The rows behind the graph's neighbour outputs; none if the graph has none."""
        if not set(NEIGHBOUR_OUTPUTS) <= {o.name for o in session.get_outputs()}:
            return []
        try:
            data = json.loads((self.model_dir / "neighbours.json").read_text("utf-8"))
            return list(data["examples"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelUnavailable(f"no usable neighbours.json in {self.model_dir}: {exc}") from exc

    def attach(
        self,
        session: Any,
        tokenizer: Any,
        manifest: dict[str, Any],
        examples: Sequence[dict[str, Any]] = (),
    ) -> OnnxClassifier:
        """Use an already opened session and tokenizer (tools, and test doubles of either).

        ``examples`` name the rows of the graph's ``neighbours`` output, when it has one.
        """
        import onnxruntime as ort

        self._ort = ort
        self._manifest = manifest
        self._tokenizer = tokenizer
        self._examples = list(examples)
        self._outputs = list(OUTPUTS) + (list(NEIGHBOUR_OUTPUTS) if self._examples else [])
        self._session = session
        return self

    @property
    def neighbour_examples(self) -> int:
        """Rows in the neighbour index (0 when the graph has no neighbour vote)."""
        self.load()
        return len(self._examples)

    def _neighbours(
        self, rows: np.ndarray, similarity: np.ndarray, limit: int, rated: bool = False
    ) -> tuple[Neighbour, ...]:
        found: list[Neighbour] = []
        for row, sim in zip(rows.tolist(), similarity.tolist(), strict=True):
            if not 0 <= row < len(self._examples):
                continue
            example = self._examples[row]
            urgency = example.get("urgency")
            if rated and urgency is None:
                continue
            found.append(
                Neighbour(
                    id=str(example["id"]),
                    category=str(example["category"]),
                    similarity=round(float(sim), 4),
                    excerpt=str(example.get("excerpt", ""))[:EXCERPT_CHARS],
                    urgency=None if urgency is None else float(urgency),
                )
            )
            if len(found) == limit:
                break
        return tuple(found)

    def warm(self) -> None:
        """Load and run one tiny inference, so the first real batch pays no setup cost."""
        self.classify_batch(["warm up"])

    def classify_batch(
        self, texts: Sequence[str], budget_ms: float | None = None
    ) -> list[Classification]:
        """Classify every text, in order.

        ``budget_ms`` is per ticket: each ONNX run may take ``budget_ms`` for every text it
        holds, and a run that overruns is abandoned (``ModelTimeout``), so a batch of ten is
        judged ticket by ticket rather than against one budget shared by all ten.
        """
        if not texts:
            return []
        self.load()
        try:
            ids = token_ids(self._tokenizer, texts)
        except Exception as exc:
            raise ModelError(f"tokenizer failed: {exc}") from exc
        space = self.embedding_space
        results: list[Classification | None] = [None] * len(texts)
        for group in length_groups([len(x) for x in ids], self.max_batch):
            input_ids, mask = pad([ids[i] for i in group])
            budget = None if budget_ms is None else budget_ms * len(group)
            embedding, probs, urgency, *near = self._run(input_ids, mask, budget)
            if not (np.isfinite(probs).all() and np.isfinite(urgency).all()):
                raise ModelError("inference produced non-finite values")
            for row, i in enumerate(group):
                best = int(np.argmax(probs[row]))
                nearest: tuple[Neighbour, ...] = ()
                rated: tuple[Neighbour, ...] = ()
                if near:
                    rows, similarity = near[0][row], near[1][row]
                    nearest = self._neighbours(rows, similarity, EXPLAINED_NEIGHBOURS)
                    # The urgency's evidence: the nearest examples that carry an urgency label.
                    rated = self._neighbours(rows, similarity, RATED_NEIGHBOURS, rated=True)
                results[i] = Classification(
                    category=CATEGORIES[best],
                    category_confidence=float(probs[row, best]),
                    urgency_score=float(np.clip(urgency[row], 0.0, 1.0)),
                    model=self.name,
                    embedding=tuple(embedding[row].tolist()),
                    embedding_space=space,
                    probabilities=tuple(round(float(p), 4) for p in probs[row]),
                    neighbours=nearest,
                    urgency_neighbours=rated,
                )
        return [r for r in results if r is not None]

    def _run(self, input_ids: Any, mask: Any, budget_ms: float | None) -> Any:
        """One ONNX run, abandoned from a timer (RunOptions.terminate) past ``budget_ms``."""
        run_options = self._ort.RunOptions()
        expired = threading.Event()
        timer: threading.Timer | None = None
        if budget_ms is not None:

            def abandon() -> None:
                expired.set()
                run_options.terminate = True

            timer = threading.Timer(max(budget_ms, 0.0) / 1000.0, abandon)
            timer.daemon = True
            timer.start()
        try:
            outputs = self._session.run(
                self._outputs, {"input_ids": input_ids, "attention_mask": mask}, run_options
            )
        except Exception as exc:
            if expired.is_set():
                raise ModelTimeout(f"inference abandoned after {budget_ms} ms") from exc
            raise ModelError(f"inference failed: {exc}") from exc
        finally:
            if timer is not None:
                timer.cancel()
        if expired.is_set():
            # The run finished just as the timer fired; the budget still counts.
            raise ModelTimeout(f"inference exceeded {budget_ms} ms")
        return outputs
