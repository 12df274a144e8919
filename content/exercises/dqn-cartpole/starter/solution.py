import copy  # noqa: F401  (copy.deepcopy makes a target network)
import random

import gymnasium as gym
import numpy as np
import report  # noqa: F401  (report.log(episode=..., episode_return=...) draws your curves)
import torch
from torch import nn
from torch.nn import functional as F

torch.optim.Adam([nn.Parameter(torch.zeros(1))])  # PyTorch's optimizer import, on import's clock


# ---- given: the network the grader evaluates from its weights (keep the names)
class QNetwork(nn.Module):
    """A CartPole state (4 numbers) in, one Q-value per action (push left, push right) out."""

    def __init__(self, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(4, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, 2)

    def forward(self, x):
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


# ---- yours
class ReplayBuffer:
    """The last `capacity` transitions in a ring; uniform random minibatches as tensors."""

    def __init__(self, capacity):
        self.capacity = capacity
        # TODO: storage for states, actions, rewards, next states and dones

    def push(self, state, action, reward, next_state, done):
        pass  # TODO: store one transition; once full, overwrite the oldest

    def __len__(self):
        return 0  # TODO: how many transitions are stored

    def sample(self, batch_size):
        # TODO: (states, actions, rewards, next_states, dones) of batch_size random rows
        raise NotImplementedError


def epsilon_at(step, start=1.0, end=0.05, decay_steps=3000):
    """Linear decay from start to end over decay_steps steps, then end."""
    return start  # TODO


def td_targets(target_net, rewards, next_states, dones, gamma):
    """r + γ·(1 − done)·max_a Q_target(s', a), without gradients."""
    raise NotImplementedError  # TODO


class DQNAgent:
    def __init__(self, hidden=64, lr=1e-3, gamma=0.99, sync_every=100):
        self.online = QNetwork(hidden)
        self.target = QNetwork(hidden)  # TODO: a copy of the online network, kept in sync
        self.optimizer = torch.optim.Adam(self.online.parameters(), lr=lr)
        self.gamma = gamma
        self.sync_every = sync_every
        self.updates = 0

    def act(self, state, epsilon):
        return random.randrange(2)  # TODO: epsilon-greedy on the online network

    def learn(self, batch):
        # TODO: TD targets from the target network, Huber loss on Q(s, a), one optimizer
        # step; copy online → target after every sync_every-th update. Return the loss.
        raise NotImplementedError


def greedy_action(net, state):
    return 0  # TODO: the action with the largest Q-value


def evaluate(net, seeds):
    """Greedy returns of CartPole-v1 episodes started with env.reset(seed=s), one per seed."""
    env = gym.make("CartPole-v1")
    returns = []
    for seed in seeds:
        state, _ = env.reset(seed=int(seed))
        total, done = 0.0, False
        while not done:
            state, reward, terminated, truncated, _ = env.step(greedy_action(net, state))
            total += reward
            done = terminated or truncated
        returns.append(total)
    return returns


def train_dqn():
    """DQN on CartPole-v1; return the trained QNetwork (the grader plays it greedily)."""
    # TODO: the loop: act, step, push, learn from a sampled minibatch, log with
    # report.log(episode=..., episode_return=...), keep the best network by evaluate().
    return DQNAgent().online


# ---- given: what the grader calls (leave as they are)
def buffer_sample(capacity, pushes, batch_size):
    """Push `pushes` numbered transitions into ReplayBuffer(capacity), then sample a batch."""
    buffer = ReplayBuffer(capacity)
    for i in range(pushes):
        state = np.array([i, i + 0.25, i + 0.5, i + 0.75], dtype=np.float32)
        buffer.push(state, i % 2, float(i), state + 1000.0, float(i % 7 == 0))
    batch = buffer.sample(batch_size)
    return {
        "length": len(buffer),
        **{k: np.asarray(v) for k, v in zip(["states", "actions", "rewards", "next_states", "dones"], batch, strict=False)},
    }


def _network(weights):
    net = QNetwork(weights["fc1.weight"].shape[0])
    net.load_state_dict({k: torch.as_tensor(v) for k, v in weights.items()})
    return net


def _numpy(state_dict):
    return {k: v.detach().numpy().copy() for k, v in state_dict.items()}


def td_targets_with_weights(weights, rewards, next_states, dones, gamma):
    t = lambda a: torch.as_tensor(a, dtype=torch.float32)  # noqa: E731
    return np.asarray(td_targets(_network(weights), t(rewards), t(next_states), t(dones), gamma))


def learn_with_weights(online, target, batches, gamma, sync_every, lr):
    """A DQNAgent with these weights, its optimizer swapped for plain SGD, learning from batches."""
    agent = DQNAgent(hidden=online["fc1.weight"].shape[0], gamma=gamma, sync_every=sync_every)
    agent.online.load_state_dict({k: torch.as_tensor(v) for k, v in online.items()})
    agent.target.load_state_dict({k: torch.as_tensor(v) for k, v in target.items()})
    agent.optimizer = torch.optim.SGD(agent.online.parameters(), lr=lr)
    losses = []
    for s, a, r, s2, d in batches:
        batch = (torch.as_tensor(s), torch.as_tensor(a), torch.as_tensor(r), torch.as_tensor(s2), torch.as_tensor(d))
        losses.append(float(agent.learn(batch)))
    return {"losses": losses, "online": _numpy(agent.online.state_dict()), "target": _numpy(agent.target.state_dict())}


def evaluate_with_weights(weights, seeds):
    return [float(r) for r in evaluate(_network(weights), seeds)]


def trained_weights():
    return _numpy(train_dqn().state_dict())
