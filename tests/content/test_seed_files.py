"""Django-free checks that content/paths/*/path.yaml faithfully represent the seeds.

Run: .venv/bin/python -m pytest tests/content -p no:django -q

Expected numbers are derived from the raw seed documents by
``seed_counts.py`` (next to this file); nothing is hard-coded here except the
list of autograded exercise packages the paths must link.
"""

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

pytestmark = []

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CONTENT = REPO / "content"

_spec = importlib.util.spec_from_file_location("backprop_seed_counts", HERE / "seed_counts.py")
seed_counts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seed_counts)

SEEDS = seed_counts.seed_files()
needs_seeds = pytest.mark.skipif(
    not SEEDS, reason="seed documents not found (set BACKPROP_SEEDS_DIR)"
)

LEVELS = {"beginner", "intermediate", "advanced", "expert"}
UNIT_LABELS = {"Week", "Step", "Section", "Module"}
RESOURCE_KINDS = {"book", "course", "video", "article", "docs", "dataset", "competition", "tool"}
EXERCISE_KINDS = {"exercise", "project"}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PATH_KEYS = {
    "slug",
    "title",
    "tagline",
    "level",
    "duration",
    "duration_weeks",
    "weekly_hours",
    "total_hours",
    "audience",
    "prerequisites",
    "author",
    "source",
    "published_on",
    "version",
    "is_published",
    "unit_label",
    "tags",
    "summary",
    "rationale",
    "next_steps",
    "call_to_action",
    "outcomes",
    "traps",
    "skills",
    "resources",
    "glossary",
    "cross_references",
    "phases",
}
PHASE_KEYS = {"number", "title", "summary", "period", "goal", "units"}
UNIT_KEYS = {
    "number",
    "title",
    "goal",
    "why_now",
    "duration",
    "estimated_hours",
    "milestone",
    "summary",
    "topics",
    "readings",
    "exercises",
}
TOPIC_KEYS = {"number", "title", "summary", "children"}
EXERCISE_KEYS = {"title", "summary", "kind", "package", "rubric"}
REQUIRED_PATH_FIELDS = (
    "slug",
    "title",
    "tagline",
    "level",
    "duration",
    "source",
    "version",
    "is_published",
    "unit_label",
    "tags",
    "summary",
    "phases",
)
PROSE_KEYS = {
    "summary",
    "tagline",
    "rationale",
    "next_steps",
    "text",
    "goal",
    "why_now",
    "milestone",
    "why",
    "correction",
    "definition",
    "note",
}
PROSE_LISTS = {"outcomes", "audience", "prerequisites"}
NGRAM = 12

# Autograded packages (content/exercises/, written by others) and where they must be linked.
EXPECTED_PACKAGES = {
    ("ml-dl-engineer-16-weeks", 1): {"matmul-from-scratch", "gradient-descent-linreg"},
    ("ml-dl-engineer-16-weeks", 2): {"mlp-numpy-digits"},
    ("ml-dl-engineer-16-weeks", 3): {"mlp-pytorch", "fashion-mnist-training-loop"},
    ("ml-dl-engineer-16-weeks", 4): {"training-switches"},
    ("ml-dl-engineer-16-weeks", 5): {"resnet18-from-scratch", "transfer-learning-frozen-features"},
    ("ml-dl-engineer-16-weeks", 6): {
        "lstm-cell-from-scratch",
        "lstm-module-torch",
        "sentiment-rotten-tomatoes",
    },
    ("ml-dl-engineer-16-weeks", 7): {"attention-from-scratch"},
    ("ml-dl-engineer-16-weeks", 8): {"bert-finetune-mcc", "semantic-search-recall"},
    ("ml-dl-engineer-16-weeks", 9): {"vae-elbo", "gan-losses-wgan-gp"},
    ("ml-dl-engineer-16-weeks", 11): {
        "lora-linear",
        "lora-bert-peft",
        "dpo-loss",
        "char-lm-hamlet",
    },
    ("ml-dl-engineer-16-weeks", 10): {"unet-segmentation", "iou-nms-from-scratch"},
    ("ml-dl-engineer-16-weeks", 12): {"dqn-cartpole"},
    ("ml-dl-engineer-16-weeks", 13): {"int8-dynamic-quantisation", "onnx-export-parity"},
    ("ml-dl-engineer-16-weeks", 14): {
        "mlflow-tracking-file-store",
        "fastapi-model-service",
        "drift-psi-ks",
    },
    ("ml-engineer-roadmap-2025", 8): {"lstm-module-torch"},
    ("ml-engineer-roadmap-2025", 9): {
        "char-lm-hamlet",
        "keras-sequential-functional",
        "training-switches",
    },
    ("ml-engineer-roadmap-2025", 6): {"titanic-survival-pipeline", "iris-mnist-classical"},
    ("ml-engineer-complete-path", 4): {"bert-finetune-mcc", "semantic-search-recall"},
    ("ml-engineer-master-curriculum", 6): {
        "logistic-regression-scratch",
        "knn-wine",
        "svm-kernel-choice",
        "decision-tree-gini",
        "naive-bayes-reviews",
        "ensembles-auc",
    },
    ("ml-engineer-master-curriculum", 7): {
        "pca-from-scratch",
        "apriori-baskets",
        "hierarchical-clustering-customers",
        "dbscan-from-scratch",
    },
    ("ml-engineer-master-curriculum", 11): {"keras-sequential-functional"},
    ("ml-engineer-master-curriculum", 25): {"fairness-metrics"},
    ("ml-engineer-master-curriculum", 26): {"permutation-importance"},
    ("ml-engineer-roadmap-2025", 4): {
        "svm-kernel-choice",
        "naive-bayes-reviews",
        "knn-wine",
        "ensembles-auc",
        "pca-from-scratch",
    },
    ("ml-engineer-complete-path", 2): {
        "logistic-regression-scratch",
        "decision-tree-gini",
        "ensembles-auc",
        "svm-kernel-choice",
        "stratified-kfold-by-hand",
    },
    # data handling, evaluation, statistics and time series (on real data)
    ("ml-engineer-master-curriculum", 1): {"hypothesis-tests-scipy", "mle-and-bayes"},
    ("ml-engineer-master-curriculum", 4): {"stratified-kfold-by-hand"},
    ("ml-engineer-master-curriculum", 5): {
        "ames-preprocessing-pipeline",
        "outliers-duplicates-roxbury",
        "tsne-embedding-plot",
    },
    ("ml-engineer-master-curriculum", 8): {"classification-metrics-scratch", "caravan-imbalanced"},
    ("ml-engineer-master-curriculum", 24): {
        "airpassengers-forecast",
        "collaborative-filtering-ratings",
        "anomaly-detection-zscore-iforest",
    },
    ("ml-engineer-roadmap-2025", 1): {"hypothesis-tests-scipy", "mle-and-bayes"},
    ("ml-engineer-roadmap-2025", 2): {
        "ames-preprocessing-pipeline",
        "outliers-duplicates-roxbury",
    },
    ("ml-engineer-roadmap-2025", 5): {
        "classification-metrics-scratch",
        "caravan-imbalanced",
        "stratified-kfold-by-hand",
    },
    ("ml-engineer-complete-path", 1): {"hypothesis-tests-scipy", "mle-and-bayes"},
    ("ml-engineering-deep-dive", 1): {"covariance-eigenvectors"},
    ("ml-engineering-deep-dive", 2): {"housing-regression-cv"},
    ("ml-engineering-deep-dive", 3): {"mlp-numpy-digits", "keras-sequential-functional"},
    ("ml-engineering-deep-dive", 4): {"grid-search"},
    ("ml-engineering-deep-dive", 5): {"kmeans-segmentation", "hierarchical-clustering-customers"},
    ("ml-engineering-deep-dive", 6): {"kmeans-rest-api"},
}

# Autograded practice placed where a unit's topics name the work but the seed names no exercise
# (the classical algorithms of seeds 001, 003 and 004): linked like any package above, and left
# out of the counts of the seed's own exercises.
PRACTICE_PACKAGES = {
    key: EXPECTED_PACKAGES[key]
    for key in [
        ("ml-engineer-master-curriculum", 6),
        ("ml-engineer-master-curriculum", 7),
        ("ml-engineer-roadmap-2025", 4),
        ("ml-engineer-complete-path", 2),
        ("ml-engineer-master-curriculum", 1),
        ("ml-engineer-master-curriculum", 4),
        ("ml-engineer-master-curriculum", 5),
        ("ml-engineer-master-curriculum", 8),
        ("ml-engineer-master-curriculum", 24),
        ("ml-engineer-roadmap-2025", 1),
        ("ml-engineer-roadmap-2025", 2),
        ("ml-engineer-roadmap-2025", 5),
        ("ml-engineer-complete-path", 1),
    ]
}


# Deep-learning practice beside the 16-week path's own items (issue 14): the week's seed tasks
# stay the projects they name; these packages are the autograded work added next to them.
PRACTICE_PACKAGES.update(
    {
        ("ml-dl-engineer-16-weeks", 6): {"lstm-module-torch", "sentiment-rotten-tomatoes"},
        ("ml-dl-engineer-16-weeks", 8): {"bert-finetune-mcc", "semantic-search-recall"},
        ("ml-dl-engineer-16-weeks", 9): {"vae-elbo", "gan-losses-wgan-gp"},
        ("ml-dl-engineer-16-weeks", 11): {
            "lora-linear",
            "lora-bert-peft",
            "dpo-loss",
            "char-lm-hamlet",
        },
        ("ml-engineer-roadmap-2025", 8): {"lstm-module-torch"},
        ("ml-engineer-roadmap-2025", 9): {
            "char-lm-hamlet",
            "keras-sequential-functional",
            "training-switches",
        },
        ("ml-engineer-roadmap-2025", 6): {"titanic-survival-pipeline", "iris-mnist-classical"},
        ("ml-engineer-complete-path", 4): {"bert-finetune-mcc", "semantic-search-recall"},
        # seed 000 week 3: the MNIST network, autograded beside the project that names it
        ("ml-engineering-deep-dive", 3): {"mlp-numpy-digits", "keras-sequential-functional"},
        # beside a seed task they grade part of, or in a section that names the topic
        ("ml-dl-engineer-16-weeks", 5): {"transfer-learning-frozen-features"},
        ("ml-dl-engineer-16-weeks", 10): {"iou-nms-from-scratch"},
        ("ml-dl-engineer-16-weeks", 14): {"fastapi-model-service", "drift-psi-ks"},
        ("ml-engineer-master-curriculum", 11): {"keras-sequential-functional"},
        ("ml-engineer-master-curriculum", 25): {"fairness-metrics"},
        ("ml-engineer-master-curriculum", 26): {"permutation-importance"},
        ("ml-engineering-deep-dive", 5): {"hierarchical-clustering-customers"},
    }
)


def seed_exercises(doc, unit):
    """The unit's exercise items that stand for a task the seed names (practice left out)."""
    practice = PRACTICE_PACKAGES.get((doc["slug"], unit["number"]), set())
    return [e for e in unit.get("exercises") or [] if e.get("package") not in practice]


def load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def path_file(slug):
    return CONTENT / "paths" / slug / "path.yaml"


def all_path_files():
    return sorted((CONTENT / "paths").glob("*/path.yaml"))


def units_of(doc):
    return [u for p in doc["phases"] for u in p.get("units") or []]


def count_topics(topics):
    return sum(1 + count_topics(t.get("children") or []) for t in topics or [])


def topic_tree(topics):
    return [
        (
            None if t.get("number") is None else str(t["number"]),
            t["title"],
            topic_tree(t.get("children") or []),
        )
        for t in topics or []
    ]


def norm(s):
    return " ".join(seed_counts.normalize(str(s)).split())


def actual_counts(doc):
    units = units_of(doc)
    return {
        "slug": doc["slug"],
        "phases": len(doc["phases"]),
        "units": len(units),
        "topics": sum(count_topics(u.get("topics")) for u in units),
        "resources": len(doc.get("resources") or []),
        "exercises": sum(len(seed_exercises(doc, u)) for u in units),
        "traps": len(doc.get("traps") or []),
        "outcomes": len(doc.get("outcomes") or []),
        "skills": len(doc.get("skills") or []),
        "glossary": len(doc.get("glossary") or []),
    }


@pytest.fixture(scope="module")
def library():
    data = load(CONTENT / "resources.yaml")
    return {r["slug"]: r for r in data["resources"]}


# ------------------------------------------------------------ resource library
def test_resource_library_is_well_formed():
    data = load(CONTENT / "resources.yaml")
    slugs = [r["slug"] for r in data["resources"]]
    assert len(slugs) == len(set(slugs)), "duplicate resource slugs"
    for r in data["resources"]:
        assert SLUG_RE.match(r["slug"]), r["slug"]
        assert r["kind"] in RESOURCE_KINDS, r
        assert r.get("title") and r.get("summary"), r
        if "url" in r:
            assert r["url"].startswith("https://"), r


# ------------------------------------------------------------ per-seed checks
@needs_seeds
@pytest.mark.parametrize("slug", sorted(seed_counts.SEED_SLUGS.values()))
def test_path_exists_for_seed(slug):
    assert slug in SEEDS, f"no seed document for {slug}"
    assert path_file(slug).exists()
    assert load(path_file(slug))["slug"] == slug


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_counts_match_seed(slug):
    expected = seed_counts.expected_counts(SEEDS[slug])
    assert actual_counts(load(path_file(slug))) == expected


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_phases_match_seed(slug):
    seed = seed_counts.parse_seed(SEEDS[slug])
    doc = load(path_file(slug))
    assert [p["number"] for p in doc["phases"]] == [p["number"] for p in seed["phases"]]
    for mine, theirs in zip(doc["phases"], seed["phases"], strict=True):
        if theirs["title"] is not None:
            assert norm(mine["title"]) == norm(theirs["title"])
        if theirs["period"] is not None:
            assert norm(mine.get("period")).lower() == norm(theirs["period"]).lower()


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_units_order_numbers_and_titles_match_seed(slug):
    seed = seed_counts.parse_seed(SEEDS[slug])
    doc = load(path_file(slug))
    mine = [(u["number"], norm(u["title"])) for u in units_of(doc)]
    theirs = [(u["number"], norm(u["title"])) for u in seed["units"]]
    assert mine == theirs
    # each unit sits in the phase the seed puts it in
    mine_phase = [p["number"] for p in doc["phases"] for _ in p.get("units") or []]
    assert mine_phase == [u["phase"] for u in seed["units"]]
    for u, s in zip(units_of(doc), seed["units"], strict=True):
        if "duration" in s:
            assert u.get("duration") == s["duration"]


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_topics_order_and_numbers_match_seed(slug):
    seed = seed_counts.parse_seed(SEEDS[slug])
    doc = load(path_file(slug))

    def normalize_tree(tree):
        return [(n, norm(t), normalize_tree(c)) for n, t, c in tree]

    for u, s in zip(units_of(doc), seed["units"], strict=True):
        assert normalize_tree(topic_tree(u.get("topics"))) == normalize_tree(
            topic_tree(s["topics"])
        ), u["title"]


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_exercises_and_readings_per_unit_match_seed(slug):
    seed = seed_counts.parse_seed(SEEDS[slug])
    doc = load(path_file(slug))
    for u, s in zip(units_of(doc), seed["units"], strict=True):
        assert len(seed_exercises(doc, u)) == len(s["exercises"]), u["title"]
        assert len(u.get("readings") or []) == len(s["readings"]), u["title"]


@needs_seeds
@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_named_lists_match_seed(slug):
    seed = seed_counts.parse_seed(SEEDS[slug])
    doc = load(path_file(slug))
    assert [norm(t["title"]) for t in doc.get("traps") or []] == [norm(t) for t in seed["traps"]]
    assert [norm(s["title"]) for s in doc.get("skills") or []] == [norm(s) for s in seed["skills"]]
    assert [norm(g["term"]) for g in doc.get("glossary") or []] == [
        norm(g) for g in seed["glossary"]
    ]
    for key in ("audience", "prerequisites"):
        assert len(doc.get(key) or []) == len(seed.get(key) or [])


STATED_BY_THE_SOURCE = {
    # slug: (author, duration, duration_weeks) as the seed states them, or nothing
    "ml-engineer-master-curriculum": (None, "Self-paced", None),
    "ml-engineer-complete-path": (None, "Self-paced", None),
}


@pytest.mark.parametrize("slug", sorted(STATED_BY_THE_SOURCE))
def test_no_author_title_or_length_the_source_does_not_state(slug):
    doc = load(path_file(slug))
    author, duration, weeks = STATED_BY_THE_SOURCE[slug]
    assert (doc.get("author"), doc["duration"], doc.get("duration_weeks")) == (
        author,
        duration,
        weeks,
    )
    assert "free resources" not in doc.get("tagline", "")
    if slug == "ml-engineer-master-curriculum":  # its sections state no goals (004's steps do)
        assert all("goal" not in unit for phase in doc["phases"] for unit in phase["units"])


def test_the_road_map_keeps_its_own_title():
    assert load(path_file("ml-engineer-roadmap-2025"))["title"] == (
        "Detailed Road Map for “ML Engineer” in 2025"
    )
    assert load(path_file("ml-engineer-complete-path"))["title"] == "The Complete Learning Path"


# ------------------------------------------------------------ format contract
def check_contract(doc):
    """Structural checks of one path document against docs/authoring.md."""
    for field in REQUIRED_PATH_FIELDS:
        assert field in doc, f"missing {field}"
    assert doc["level"] in LEVELS
    assert doc["unit_label"] in UNIT_LABELS
    # A length and an author only where the source states them (issue #13, item 8).
    weeks = doc.get("duration_weeks")
    assert weeks is None or (isinstance(weeks, int) and weeks > 0)
    assert all(SLUG_RE.match(t) for t in doc["tags"])
    assert set(doc) <= PATH_KEYS, set(doc) - PATH_KEYS
    for p in doc["phases"]:
        assert set(p) <= PHASE_KEYS, set(p) - PHASE_KEYS
        assert p.get("title")

    def check_topics(topics):
        for t in topics or []:
            assert set(t) <= TOPIC_KEYS and t.get("title"), t
            assert t.get("number") is None or isinstance(t["number"], str), t
            check_topics(t.get("children"))

    for u in units_of(doc):
        assert set(u) <= UNIT_KEYS, set(u) - UNIT_KEYS
        check_topics(u.get("topics"))
        for ex in u.get("exercises") or []:
            assert set(ex) <= EXERCISE_KEYS, ex
        for rd in u.get("readings") or []:
            assert set(rd) <= {"ref", "note"}, rd
    for r in doc.get("resources") or []:
        assert set(r) <= {"ref", "why", "where", "weeks"}, r
    numbers = [u["number"] for u in units_of(doc)]
    assert len(numbers) == len(set(numbers)), "unit numbers must be unique within a path"
    for u in units_of(doc):
        assert u.get("title")
        for ex in u.get("exercises") or []:
            assert ex.get("title") and ex.get("summary"), ex
            assert ex.get("kind") in EXERCISE_KINDS, ex
            if "package" in ex:
                assert SLUG_RE.match(ex["package"])
    cta = doc.get("call_to_action")
    if cta:
        assert cta.get("kind") and cta.get("title") and cta.get("text")
    for t in doc.get("traps") or []:
        assert t.get("title") and t.get("why") and t.get("correction")
    for g in doc.get("glossary") or []:
        assert g.get("term") and g.get("definition")


@pytest.mark.parametrize("pf", all_path_files(), ids=lambda p: p.parent.name)
def test_path_file_follows_contract(pf):
    doc = load(pf)
    assert doc["slug"] == pf.parent.name
    check_contract(doc)


def test_authoring_example_follows_contract():
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = text.split("## A complete small example", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    check_contract(yaml.safe_load(block))


@pytest.mark.parametrize("pf", all_path_files(), ids=lambda p: p.parent.name)
def test_every_ref_resolves(pf, library):
    doc = load(pf)
    refs = [r["ref"] for r in doc.get("resources") or []]
    refs += [r["ref"] for u in units_of(doc) for r in u.get("readings") or []]
    missing = [r for r in refs if r not in library]
    assert not missing, f"unknown resource refs: {missing}"
    curated = [r["ref"] for r in doc.get("resources") or []]
    assert len(curated) == len(set(curated)), "a resource appears twice in the curated list"
    for xref in doc.get("cross_references") or []:
        assert path_file(xref["path"]).exists(), xref


@pytest.mark.parametrize("pf", all_path_files(), ids=lambda p: p.parent.name)
def test_skill_graph_resolves_and_is_acyclic(pf):
    skills = {s["slug"]: s.get("requires") or [] for s in load(pf).get("skills") or []}
    for slug, reqs in skills.items():
        assert SLUG_RE.match(slug)
        for r in reqs:
            assert r in skills, f"{slug} requires unknown skill {r}"
    state = {}

    def visit(node, trail):
        if state.get(node) == "done":
            return
        assert state.get(node) != "active", f"cycle: {' -> '.join(trail + [node])}"
        state[node] = "active"
        for r in skills[node]:
            visit(r, trail + [node])
        state[node] = "done"

    for s in skills:
        visit(s, [])


def test_autograded_packages_are_linked():
    found = {}
    for pf in all_path_files():
        doc = load(pf)
        for u in units_of(doc):
            pkgs = {e["package"] for e in u.get("exercises") or [] if e.get("package")}
            if pkgs:
                found[(doc["slug"], u["number"])] = pkgs
    assert found == EXPECTED_PACKAGES


# ------------------------------------------------------------ own words
def _words(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", seed_counts.normalize(text).lower())


@pytest.fixture(scope="module")
def seed_ngrams():
    grams = set()
    for f in SEEDS.values():
        for line in seed_counts.read_lines(f):
            w = _words(line)
            grams.update(tuple(w[i : i + NGRAM]) for i in range(len(w) - NGRAM + 1))
    return grams


def _prose(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, str) and k in PROSE_KEYS:
                yield k, v
            elif isinstance(v, list) and k in PROSE_LISTS:
                for item in v:
                    if isinstance(item, str):
                        yield k, item
            yield from _prose(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _prose(item, key)


@needs_seeds
@pytest.mark.parametrize(
    "pf",
    all_path_files() + [CONTENT / "resources.yaml"],
    ids=lambda p: p.parent.name if p.name == "path.yaml" else p.name,
)
def test_prose_is_not_copied_from_seeds(pf, seed_ngrams):
    copied = []
    for key, text in _prose(load(pf)):
        w = _words(text)
        for i in range(len(w) - NGRAM + 1):
            if tuple(w[i : i + NGRAM]) in seed_ngrams:
                copied.append((key, " ".join(w[i : i + NGRAM])))
                break
    assert not copied, f"prose copied from a seed: {copied}"


def test_docs_list_every_exercise_package():
    table = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M))
    packages = {p.parent.name for p in (REPO / "content" / "exercises").glob("*/exercise.yaml")}
    assert packages - listed == set(), "add these to docs/exercises.md's table"
