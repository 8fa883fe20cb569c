"""Writes the MiniLM (BERT) sentence encoder as an ONNX graph straight from safetensors weights.

No PyTorch: each layer is spelled out with the onnx helper API, so the graph is exactly
what we want ORT to see (fusable attention, erf GELU, slice-based position embeddings).
The category and urgency heads are appended as a few last nodes, after quantisation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # first opset with LayerNormalization as a single op


@dataclass(frozen=True)
class BertShape:
    hidden: int
    heads: int
    layers: int
    eps: float

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> BertShape:
        return cls(
            hidden=int(config["hidden_size"]),  # type: ignore[call-overload]
            heads=int(config["num_attention_heads"]),  # type: ignore[call-overload]
            layers=int(config["num_hidden_layers"]),  # type: ignore[call-overload]
            eps=float(config["layer_norm_eps"]),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Heads:
    """Linear heads: softmax for category, sigmoid for urgency.

    Each reads the normalised embedding and, when ``lexical`` is given, the token bag: a
    weight per vocabulary entry, summed over the ticket's tokens (mask-weighted) and
    divided by the square root of their number, as train.token_bag computes it.
    """

    category_weight: np.ndarray  # [hidden, n_categories]
    category_bias: np.ndarray  # [n_categories]
    urgency_weight: np.ndarray  # [hidden]
    urgency_bias: float
    lexical: np.ndarray | None = None  # [vocab, n_categories + 1]: category columns, urgency
    neighbours: NeighbourVote | None = None
    urgency_vote: UrgencyVote | None = None


@dataclass(frozen=True)
class NeighbourVote:
    """The k nearest labelled examples vote on the category (see train.blend).

    category_probs = softmax(log((1 - share) * head + share * vote) / temperature), where
    vote weighs each of the k most cosine-similar examples' one-hot label by
    softmax(similarity / tau). The graph also outputs the k examples' rows in ``index``
    and their similarities, which the ticket's explanation names.
    """

    index: np.ndarray  # [examples, hidden], unit rows (stored as float16)
    labels: np.ndarray  # [examples, n_categories], one-hot
    k: int
    tau: float
    share: float
    temperature: float


@dataclass(frozen=True)
class UrgencyVote:
    """The k most similar rated examples vote on urgency (see train.predict_urgency).

    The sigmoid's argument gains ``weight`` * sum of softmax(similarity / tau) * target over
    the k. ``targets`` runs over the rows of ``index``, NaN for an example without an
    urgency label (never among the k). ``index`` None: the category vote's index (its rows,
    its order), so the graph holds one copy.
    """

    targets: np.ndarray  # [examples]
    k: int
    tau: float
    weight: float
    index: np.ndarray | None = None  # [examples, hidden], unit rows


class _GraphWriter:
    def __init__(self, prefix: str = "") -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self._n = 0
        self._prefix = prefix  # keeps names unique when nodes are appended to another graph

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value, name))
        return name

    def op(self, op_type: str, inputs: list[str], name: str | None = None, **attrs: Any) -> str:
        self._n += 1
        out = name or f"{self._prefix}{op_type.lower()}_{self._n}"
        node_name = name or f"{self._prefix}n{self._n}"
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=node_name, **attrs))
        return out

    def linear(self, x: str, weights: Mapping[str, np.ndarray], prefix: str) -> str:
        # Torch stores Linear weights as [out, in]; MatMul wants [in, out].
        w = self.const(f"{prefix}.weight", np.ascontiguousarray(weights[f"{prefix}.weight"].T))
        b = self.const(f"{prefix}.bias", weights[f"{prefix}.bias"])
        # Named after the weight so the quantiser can be told which layers to leave in fp32.
        return self.op("Add", [self.op("MatMul", [x, w], name=matmul_node(prefix)), b])

    def layer_norm(self, x: str, weights: Mapping[str, np.ndarray], prefix: str, eps: float) -> str:
        g = self.const(f"{prefix}.weight", weights[f"{prefix}.weight"])
        b = self.const(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return self.op("LayerNormalization", [x, g, b], axis=-1, epsilon=eps)


def _f32(value: float) -> np.ndarray:
    return np.array(value, dtype=np.float32)


def _i64(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def build_encoder(weights: Mapping[str, np.ndarray], shape: BertShape) -> onnx.ModelProto:
    """The encoder graph: token ids and mask in, L2-normalised mean-pooled embedding out."""
    g = _GraphWriter()
    h, n_heads = shape.hidden, shape.heads
    head_dim = h // n_heads

    # Embeddings: token + position (sliced to the sequence length) + segment 0.
    word = g.const("word_embeddings", weights["embeddings.word_embeddings.weight"])
    pos_table = g.const("position_embeddings", weights["embeddings.position_embeddings.weight"])
    segment = g.const(
        "token_type_embedding_0", weights["embeddings.token_type_embeddings.weight"][0]
    )
    ids_shape = g.op("Shape", ["input_ids"])
    seq_len = g.op("Slice", [ids_shape, g.const("one_1d", _i64([1])), g.const("two_1d", _i64([2]))])
    zero_1d = g.const("zero_1d", _i64([0]))
    positions = g.op("Slice", [pos_table, zero_1d, seq_len, zero_1d])
    x = g.op("Gather", [word, "input_ids"], axis=0)
    x = g.op("Add", [g.op("Add", [x, positions]), segment])
    x = g.layer_norm(x, weights, "embeddings.LayerNorm", shape.eps)

    # Additive attention mask [batch, 1, 1, seq]: 0 where attended, a large negative elsewhere.
    # Two Unsqueezes, then Cast: the shape ORT's attention fusion looks for.
    axis1 = g.const("axis_1", _i64([1]))
    axis2 = g.const("axis_2", _i64([2]))
    mask_4d = g.op(
        "Cast",
        [g.op("Unsqueeze", [g.op("Unsqueeze", ["attention_mask", axis1]), axis2])],
        to=TensorProto.FLOAT,
    )
    neg = g.op(
        "Mul",
        [g.op("Sub", [g.const("one_f", _f32(1.0)), mask_4d]), g.const("neg_big", _f32(-10000.0))],
    )

    split_shape = g.const("split_heads_shape", _i64([0, 0, n_heads, head_dim]))
    merge_shape = g.const("merge_heads_shape", _i64([0, 0, h]))
    scale = g.const("attention_scale", _f32(float(np.sqrt(head_dim))))
    sqrt2 = g.const("sqrt2", _f32(float(np.sqrt(2.0))))
    half = g.const("half", _f32(0.5))
    one = "one_f"

    for i in range(shape.layers):
        p = f"encoder.layer.{i}"
        q = g.op("Reshape", [g.linear(x, weights, f"{p}.attention.self.query"), split_shape])
        k = g.op("Reshape", [g.linear(x, weights, f"{p}.attention.self.key"), split_shape])
        v = g.op("Reshape", [g.linear(x, weights, f"{p}.attention.self.value"), split_shape])
        q = g.op("Transpose", [q], perm=[0, 2, 1, 3])
        k = g.op("Transpose", [k], perm=[0, 2, 3, 1])
        v = g.op("Transpose", [v], perm=[0, 2, 1, 3])
        # Div (not Mul by 1/sqrt(d)) is the pattern ORT's attention fusion recognises.
        scores = g.op("Add", [g.op("Div", [g.op("MatMul", [q, k]), scale]), neg])
        probs = g.op("Softmax", [scores], axis=-1)
        ctx = g.op("Transpose", [g.op("MatMul", [probs, v])], perm=[0, 2, 1, 3])
        ctx = g.op("Reshape", [ctx, merge_shape])
        attn = g.linear(ctx, weights, f"{p}.attention.output.dense")
        x = g.layer_norm(
            g.op("Add", [attn, x]), weights, f"{p}.attention.output.LayerNorm", shape.eps
        )

        inner = g.linear(x, weights, f"{p}.intermediate.dense")
        # Exact GELU, as BERT was trained with: 0.5 * x * (1 + erf(x / sqrt 2)).
        erf = g.op("Erf", [g.op("Div", [inner, sqrt2])])
        gelu = g.op("Mul", [g.op("Mul", [inner, g.op("Add", [erf, one])]), half])
        out = g.linear(gelu, weights, f"{p}.output.dense")
        x = g.layer_norm(g.op("Add", [out, x]), weights, f"{p}.output.LayerNorm", shape.eps)

    # Mean over attended tokens, then L2 normalisation (sentence-transformers' pooling).
    mask_f = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    mask_3d = g.op("Unsqueeze", [mask_f, axis2])
    summed = g.op("ReduceSum", [g.op("Mul", [x, mask_3d]), axis1], keepdims=0)
    count = g.op(
        "Clip", [g.op("ReduceSum", [mask_3d, axis1], keepdims=0), g.const("tiny", _f32(1e-9))]
    )
    pooled = g.op("Div", [summed, count])
    # Opset 17 takes ReduceL2's axes as an attribute (ReduceSum's as an input).
    norm = g.op("ReduceL2", [pooled], axes=[-1], keepdims=1)
    norm = g.op("Clip", [norm, g.const("norm_floor", _f32(1e-12))])
    g.op("Div", [pooled, norm], name="embedding")

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
    ]
    outputs = [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", h])]
    graph = helper.make_graph(g.nodes, "minilm_l6_encoder", inputs, outputs, g.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="smart-support"
    )
    model.ir_version = 8  # readable by every onnxruntime from 1.14 on
    onnx.checker.check_model(model)
    return model


def with_heads(encoder: onnx.ModelProto, heads: Heads) -> onnx.ModelProto:
    """A copy of ``encoder`` (fp32 or quantised) that also outputs category_probs and urgency.

    The heads read the float ``embedding`` output (and, for the token bag, the inputs), so
    they can be added after quantisation and trained on exactly the embeddings the served
    (int8) graph produces; they stay fp32.
    """
    model = onnx.ModelProto()
    model.CopyFrom(encoder)
    g = _GraphWriter(prefix="head.")
    h, n_cat = heads.category_weight.shape
    cw = g.const("head.category.weight", heads.category_weight.astype(np.float32))
    cb = g.const("head.category.bias", heads.category_bias.astype(np.float32))
    logits = g.op("Add", [g.op("MatMul", ["embedding", cw], name="head.category_logits"), cb])
    uw = g.const("head.urgency.weight", heads.urgency_weight.astype(np.float32).reshape(h, 1))
    ub = g.const("head.urgency.bias", _f32(heads.urgency_bias))
    z = g.op("Add", [g.op("MatMul", ["embedding", uw], name="head.urgency_logit"), ub])
    if heads.lexical is not None:
        # Token bag: one Gather of [vocab, n_cat + 1] weights, masked sum / sqrt(tokens).
        table = g.const("head.lexical.weight", heads.lexical.astype(np.float32))
        mask = g.op(
            "Unsqueeze",
            [
                g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT),
                g.const("head.axis_2", _i64([2])),
            ],
        )
        axis1 = g.const("head.axis_1", _i64([1]))
        summed = g.op(
            "ReduceSum",
            [g.op("Mul", [g.op("Gather", [table, "input_ids"], axis=0), mask]), axis1],
            keepdims=0,
        )
        count = g.op(
            "Clip", [g.op("ReduceSum", [mask, axis1], keepdims=0), g.const("head.one", _f32(1.0))]
        )
        bag = g.op("Div", [summed, g.op("Sqrt", [count])])  # [batch, n_cat + 1]
        start = g.const("head.bag_start", _i64([0]))
        split = g.const("head.bag_split", _i64([n_cat]))
        stop = g.const("head.bag_stop", _i64([n_cat + 1]))
        logits = g.op("Add", [logits, g.op("Slice", [bag, start, split, axis1])])
        z = g.op("Add", [z, g.op("Slice", [bag, split, stop, axis1])])
    outputs = [helper.make_tensor_value_info("category_probs", TensorProto.FLOAT, ["batch", n_cat])]
    similarity = None
    if heads.neighbours is None:
        g.op("Softmax", [logits], name="category_probs", axis=-1)
    else:
        similarity = _similarity(g, "head.neighbours.index", heads.neighbours.index)
        outputs += _neighbour_vote(
            g, g.op("Softmax", [logits], axis=-1), heads.neighbours, similarity
        )
    if heads.urgency_vote is not None:
        vote = heads.urgency_vote
        if vote.index is not None:
            similarity = _similarity(g, "head.urgency_vote.index", vote.index)
        if similarity is None:
            raise ValueError("an urgency vote without its own index needs the category vote's")
        z = g.op("Add", [z, _urgency_vote(g, similarity, vote)])
    z = g.op("Squeeze", [z, g.const("head.squeeze_axis", _i64([-1]))])
    g.op("Sigmoid", [z], name="urgency")
    model.graph.node.extend(g.nodes)
    model.graph.initializer.extend(g.inits)
    model.graph.output.extend(
        [*outputs, helper.make_tensor_value_info("urgency", TensorProto.FLOAT, ["batch"])]
    )
    onnx.checker.check_model(model)
    return model


def _similarity(g: _GraphWriter, name: str, index: np.ndarray) -> str:
    """[batch, examples] cosine of the embedding with each unit row of ``index``."""
    # float16 halves the file; ORT folds the Cast into one fp32 table when it loads.
    table = g.op("Cast", [g.const(name, index.T.astype(np.float16))], to=TensorProto.FLOAT)
    return g.op("MatMul", ["embedding", table])


def _vote(
    g: _GraphWriter,
    similarity: str,
    labels: np.ndarray,
    k: int,
    tau: float,
    prefix: str,
    nearest: tuple[str, str],
) -> str:
    """[batch, columns]: the k most similar examples' ``labels`` rows [examples, columns],
    weighted softmax(similarity / tau) over the k, as train.neighbour_votes computes it.
    ``nearest`` names the TopK's two outputs (similarities, rows)."""
    g.nodes.append(
        helper.make_node(
            "TopK",
            [similarity, g.const(f"{prefix}.k", _i64([k]))],
            list(nearest),
            name=f"{prefix}.topk",
            axis=-1,
        )
    )
    weight = g.op(
        "Softmax", [g.op("Div", [nearest[0], g.const(f"{prefix}.tau", _f32(tau))])], axis=-1
    )
    table = g.const(f"{prefix}.labels", labels.astype(np.float32))
    return g.op(
        "ReduceSum",
        [
            g.op(
                "Mul",
                [
                    g.op("Gather", [table, nearest[1]], axis=0),  # [batch, k, columns]
                    g.op("Unsqueeze", [weight, g.const(f"{prefix}.axis_2", _i64([2]))]),
                ],
            ),
            g.const(f"{prefix}.axis_1", _i64([1])),
        ],
        keepdims=0,
    )


def _urgency_vote(g: _GraphWriter, similarity: str, vote: UrgencyVote) -> str:
    """[batch, 1] weight * the k most similar rated examples' softmax-weighted targets."""
    rated = ~np.isnan(vote.targets)
    # Unrated examples sit far below any cosine, so TopK never picks them.
    offset = g.const("head.urgency_vote.unrated", np.where(rated, 0.0, -1e4).astype(np.float32))
    votes = _vote(
        g,
        g.op("Add", [similarity, offset]),
        np.where(rated, vote.targets, 0.0)[:, None],
        vote.k,
        vote.tau,
        "head.urgency_vote",
        ("head.urgency_vote.similarity", "head.urgency_vote.rows"),
    )
    return g.op("Mul", [votes, g.const("head.urgency_vote.weight", _f32(vote.weight))])


def _neighbour_vote(
    g: _GraphWriter, head: str, vote: NeighbourVote, similarity: str
) -> list[onnx.ValueInfoProto]:
    """category_probs from the head's probabilities and the neighbours' vote; the
    nearest examples' rows and similarities as two more outputs."""
    k = vote.k
    votes = _vote(
        g,
        similarity,
        vote.labels,
        k,
        vote.tau,
        "head.neighbours",
        ("neighbour_similarity", "neighbours"),
    )
    mixed = g.op(
        "Add",
        [
            g.op("Mul", [head, g.const("head.neighbours.keep", _f32(1.0 - vote.share))]),
            g.op("Mul", [votes, g.const("head.neighbours.share", _f32(vote.share))]),
        ],
    )
    log = g.op("Log", [g.op("Max", [mixed, g.const("head.neighbours.floor", _f32(1e-9))])])
    temperature = g.const("head.neighbours.temperature", _f32(vote.temperature))
    g.op("Softmax", [g.op("Div", [log, temperature])], name="category_probs", axis=-1)
    return [
        helper.make_tensor_value_info("neighbours", TensorProto.INT64, ["batch", k]),
        helper.make_tensor_value_info("neighbour_similarity", TensorProto.FLOAT, ["batch", k]),
    ]


def matmul_node(prefix: str) -> str:
    """Node name of the MatMul of the linear layer whose weights start with ``prefix``."""
    return f"{prefix}.matmul"
