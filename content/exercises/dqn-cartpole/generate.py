"""hidden/ for dqn-cartpole, from gymnasium's CartPole-v1 (run in the `dl` sandbox image).

- hidden/eval_starts.npy: the 20 start states `CartPoleEnv.reset(seed=s)` draws for seeds
  7001–7020 (float64, as the environment keeps them); the grader plays the returned network's
  greedy policy from each in NumPy (grader.py, the same physics).
- hidden/probe_net.npz: the weights of a half-trained QNetwork (the reference after 3000
  steps, training seed 11), whose greedy returns vary from episode to episode, for the
  evaluation probe: any exploration at evaluation time changes them.

Run: python generate.py   (in the dl image: gymnasium, torch and the harness's `report`)
"""

import importlib.util
import random
from pathlib import Path

import gymnasium as gym
import numpy as np
import torch

HERE = Path(__file__).resolve().parent
EVAL_SEEDS = range(7001, 7021)


def reference():
    spec = importlib.util.spec_from_file_location("reference", HERE / "reference" / "solution.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    (HERE / "hidden").mkdir(exist_ok=True)
    env = gym.make("CartPole-v1")
    starts = []
    for seed in EVAL_SEEDS:
        env.reset(seed=seed)
        starts.append(np.array(env.unwrapped.state, dtype=np.float64))
    np.save(HERE / "hidden" / "eval_starts.npy", np.stack(starts))

    ref = reference()
    random.seed(11)
    np.random.seed(11)
    torch.manual_seed(11)
    net = ref.train_dqn(steps=3000, eval_every=10**9)  # no selection: the net after 3000 steps
    weights = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    np.savez(HERE / "hidden" / "probe_net.npz", **weights)
    print("probe net greedy returns:", ref.evaluate(net, range(1, 6)))


if __name__ == "__main__":
    main()
