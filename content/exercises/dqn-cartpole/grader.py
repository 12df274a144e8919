"""Cases for dqn-cartpole, and the judge of the trained policy. Worker only.

The trained network is judged here, outside the container: CartPole-v1's physics (gymnasium's
`CartPoleEnv.step`, Euler integration, the same constants and limits) run in NumPy from 20
start states drawn by gymnasium's own `reset(seed=...)` (hidden/eval_starts.npy), and the
network's greedy action is computed from its returned weights. Nothing the learner's process
says about its returns counts.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
HIDDEN = HERE / "hidden"
MAX_HIDDEN = 256
# The reference (reference/solution.py) over ten training seeds: mean greedy returns on the hidden
# episodes 178, 186, 244, 216, 147, 341, 188, 268, 306, 238 (median 227, lowest 147).
FULL_MARKS = 120.0

# gymnasium 1.4 CartPoleEnv constants
GRAVITY, MASSCART, MASSPOLE, LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
TOTAL_MASS = MASSCART + MASSPOLE
POLEMASS_LENGTH = MASSPOLE * LENGTH
THETA_LIMIT = 12 * 2 * np.pi / 360
X_LIMIT = 2.4
MAX_STEPS = 500  # CartPole-v1's TimeLimit


def cartpole_step(state, action):
    """gymnasium's CartPoleEnv.step on a float64 state: (next state, terminated)."""
    x, x_dot, theta, theta_dot = state
    force = FORCE if action == 1 else -FORCE
    costheta, sintheta = np.cos(theta), np.sin(theta)
    temp = (force + POLEMASS_LENGTH * np.square(theta_dot) * sintheta) / TOTAL_MASS
    thetaacc = (GRAVITY * sintheta - costheta * temp) / (
        LENGTH * (4.0 / 3.0 - MASSPOLE * np.square(costheta) / TOTAL_MASS)
    )
    xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS
    x = x + TAU * x_dot
    x_dot = x_dot + TAU * xacc
    theta = theta + TAU * theta_dot
    theta_dot = theta_dot + TAU * thetaacc
    nxt = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
    terminated = bool(x < -X_LIMIT or x > X_LIMIT or theta < -THETA_LIMIT or theta > THETA_LIMIT)
    return nxt, terminated


def q_values(weights, obs):
    """QNetwork's forward (fc1 → ReLU → fc2 → ReLU → out) in float32, from its state dict."""
    h = np.maximum(0, weights["fc1.weight"] @ obs + weights["fc1.bias"])
    h = np.maximum(0, weights["fc2.weight"] @ h + weights["fc2.bias"])
    return weights["out.weight"] @ h + weights["out.bias"]


def greedy_return(weights, start):
    state, total = np.asarray(start, dtype=np.float64), 0.0
    for _ in range(MAX_STEPS):
        action = int(np.argmax(q_values(weights, state.astype(np.float32))))
        state, terminated = cartpole_step(state, action)
        total += 1.0
        if terminated:
            break
    return total


def _weights_problem(value):
    """The state dict as float32 arrays, or what is wrong with it."""
    names = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "out.weight", "out.bias"]
    if not isinstance(value, dict) or set(value) != set(names):
        got = sorted(value) if isinstance(value, dict) else type(value).__name__
        return None, f"returned {got}; expected the QNetwork's state dict with keys {names}"
    try:
        w = {k: np.asarray(value[k], dtype=np.float32) for k in names}
    except (TypeError, ValueError):
        return None, "returned a state dict whose values are not arrays of numbers"
    hidden = w["fc1.weight"].shape[0] if w["fc1.weight"].ndim == 2 else -1
    shapes = {
        "fc1.weight": (hidden, 4), "fc1.bias": (hidden,), "fc2.weight": (hidden, hidden),
        "fc2.bias": (hidden,), "out.weight": (2, hidden), "out.bias": (2,),
    }  # fmt: skip
    if not 1 <= hidden <= MAX_HIDDEN:
        return (
            None,
            f"returned a network with {hidden} hidden units; QNetwork has 1 to {MAX_HIDDEN}",
        )
    for k, shape in shapes.items():
        if w[k].shape != shape:
            return None, f"returned {k} of shape {w[k].shape}; QNetwork({hidden}) has {shape}"
    if not all(np.isfinite(a).all() for a in w.values()):
        return None, "returned weights with NaN or infinity (training diverged)"
    return w, None


def mean_return_at_least(value, *args):
    """None when the greedy policy of the returned network averages FULL_MARKS or more over the
    20 hidden start states; else the returns it got."""
    weights, problem = _weights_problem(value)
    if problem:
        return problem
    starts = np.load(HIDDEN / "eval_starts.npy")
    returns = [greedy_return(weights, s) for s in starts]
    mean = float(np.mean(returns))
    if mean >= FULL_MARKS:
        return None
    return (
        f"returned a network whose greedy policy averaged {mean:.1f} over {len(starts)} "
        f"evaluation episodes (returns {', '.join(f'{r:.0f}' for r in returns)}); full marks "
        f"need a mean of at least {FULL_MARKS:.0f} (the reference's median over ten training "
        "seeds is 227)"
    )


# ---- probe cases


def _random_weights(rng, hidden):
    def layer(n_out, n_in):
        bound = n_in**-0.5
        return (
            rng.uniform(-bound, bound, (n_out, n_in)).astype(np.float32),
            rng.uniform(-bound, bound, n_out).astype(np.float32),
        )

    w = {}
    for name, (n_out, n_in) in {
        "fc1": (hidden, 4),
        "fc2": (hidden, hidden),
        "out": (2, hidden),
    }.items():
        w[f"{name}.weight"], w[f"{name}.bias"] = layer(n_out, n_in)
    return w


def _batch(rng, size, done_every):
    states = rng.normal(0, 0.5, (size, 4)).astype(np.float32)
    dones = (np.arange(size) % done_every == 0).astype(np.float32)
    return [
        states,
        rng.integers(0, 2, size).astype(np.int64),
        np.ones(size, dtype=np.float32),
        (states + rng.normal(0, 0.1, (size, 4))).astype(np.float32),
        dones,
    ]


def td_cases(rng):
    cases = []
    for hidden, size, gamma in [(8, 6, 0.99), (16, 10, 0.9)]:
        _, _, rewards, next_states, dones = _batch(rng, size, 3)
        rewards = rng.uniform(0, 2, size).astype(np.float32)
        cases.append({"args": [_random_weights(rng, hidden), rewards, next_states, dones, gamma]})
    return cases


def learn_cases(rng):
    """Online and target networks with different weights, three batches with terminal rows,
    a target sync after the second update."""
    hidden = 16
    batches = [_batch(rng, 8, 3) for _ in range(3)]
    online, target = _random_weights(rng, hidden), _random_weights(rng, hidden)
    return [{"args": [online, target, batches, 0.9, 2, 0.05]}]


def evaluate_cases(rng):
    """A half-trained network (hidden/probe_net.npz) whose greedy returns differ by episode."""
    weights = dict(np.load(HIDDEN / "probe_net.npz"))
    return [{"args": [weights, [1, 2, 3, 4, 5]]}, {"args": [weights, [101, 102, 103]]}]


def buffer_batch_ok(value, capacity, pushes, batch_size):
    """The sample of buffer_sample: right shapes and dtypes, whole transitions (each row's
    parts belong together), only the last `capacity` transitions, random rows."""
    keys = ["states", "actions", "rewards", "next_states", "dones"]
    if not isinstance(value, dict) or not set(keys) <= set(value):
        return f"returned {type(value).__name__}; expected a dict with length and {keys}"
    kept = min(pushes, capacity)
    if value.get("length") != kept:
        return f"len(buffer) was {value.get('length')} after {pushes} pushes; expected {kept} (capacity {capacity})"
    arrays = {k: np.asarray(value[k]) for k in keys}
    shapes = {"states": (batch_size, 4), "actions": (batch_size,), "rewards": (batch_size,),
              "next_states": (batch_size, 4), "dones": (batch_size,)}  # fmt: skip
    for k, shape in shapes.items():
        if arrays[k].shape != shape:
            return f"sample({batch_size}) gave {k} of shape {arrays[k].shape}; expected {shape}"
    if arrays["actions"].dtype.kind not in "iu":
        return f"gave actions as {arrays['actions'].dtype}; expected integers (int64) to index Q-values with"
    for k in ["states", "rewards", "next_states", "dones"]:
        if arrays[k].dtype != np.float32:
            return f"gave {k} as {arrays[k].dtype}; expected float32, the network's dtype"
    index = arrays["states"][:, 0].astype(np.int64)
    first = pushes - kept
    if ((index < first) | (index >= pushes)).any():
        bad = index[(index < first) | (index >= pushes)][0]
        return (
            f"sampled transition {bad}, but after {pushes} pushes a buffer of capacity {capacity} "
            f"holds only transitions {first}–{pushes - 1}: drop the oldest"
        )
    expect_states = index[:, None] + np.array([0, 0.25, 0.5, 0.75], dtype=np.float32)
    whole = (
        np.allclose(arrays["states"], expect_states)
        and np.array_equal(arrays["actions"], index % 2)
        and np.allclose(arrays["rewards"], index)
        and np.allclose(arrays["next_states"], expect_states + 1000.0)
        and np.allclose(arrays["dones"], (index % 7 == 0))
    )
    if not whole:
        return "returned rows whose state, action, reward, next state and done come from different transitions: sample the same rows from each"
    if (
        batch_size > 1
        and kept > batch_size
        and set(index) == set(range(pushes - batch_size, pushes))
    ):
        return "returned the most recent transitions; sample rows uniformly at random from the whole buffer"
    return None
