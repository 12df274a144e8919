import copy
import random

import gymnasium as gym
import numpy as np
import report
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
        self.states = np.zeros((capacity, 4), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.next_states = np.zeros((capacity, 4), dtype=np.float32)
        self.dones = np.zeros(capacity, dtype=np.float32)
        self.position = 0
        self.size = 0

    def push(self, state, action, reward, next_state, done):
        i = self.position
        self.states[i], self.actions[i], self.rewards[i] = state, action, reward
        self.next_states[i], self.dones[i] = next_state, done
        self.position = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def __len__(self):
        return self.size

    def sample(self, batch_size):
        rows = np.random.randint(0, self.size, size=batch_size)
        arrays = (self.states, self.actions, self.rewards, self.next_states, self.dones)
        return tuple(torch.from_numpy(a[rows]) for a in arrays)


def epsilon_at(step, start=1.0, end=0.05, decay_steps=3000):
    """Linear decay from start to end over decay_steps steps, then end."""
    fraction = min(step / decay_steps, 1.0)
    return start + fraction * (end - start)


def td_targets(target_net, rewards, next_states, dones, gamma):
    """r + γ·max_a Q_target(s', a)."""
    with torch.no_grad():
        best_next = target_net(next_states).max(dim=1).values
    return rewards + gamma * best_next


class DQNAgent:
    def __init__(self, hidden=64, lr=1e-3, gamma=0.99, sync_every=100):
        self.online = QNetwork(hidden)
        self.target = copy.deepcopy(self.online)
        self.target.requires_grad_(False)
        self.optimizer = torch.optim.Adam(self.online.parameters(), lr=lr)
        self.gamma = gamma
        self.sync_every = sync_every
        self.updates = 0

    def act(self, state, epsilon):
        if random.random() < epsilon:
            return random.randrange(2)
        return greedy_action(self.online, state)

    def learn(self, batch):
        states, actions, rewards, next_states, dones = batch
        targets = td_targets(self.target, rewards, next_states, dones, self.gamma)
        q = self.online(states).gather(1, actions.long().unsqueeze(1)).squeeze(1)
        loss = F.smooth_l1_loss(q, targets)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        self.updates += 1
        if self.updates % self.sync_every == 0:
            self.target.load_state_dict(self.online.state_dict())
        return loss.item()


def greedy_action(net, state):
    with torch.no_grad():
        return int(net(torch.as_tensor(state, dtype=torch.float32)).argmax())


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


def train_dqn(steps=8000, batch_size=64, learning_starts=500, eval_every=1000):
    """DQN on CartPole-v1; returns the online network of the best greedy evaluation."""
    env = gym.make("CartPole-v1")
    agent = DQNAgent()
    buffer = ReplayBuffer(10_000)
    state, _ = env.reset(seed=int(np.random.randint(2**31)))
    episode, episode_return = 0, 0.0
    best, best_weights = -1.0, None
    for step in range(steps + 1):
        if step == steps or (step >= learning_starts and step % eval_every == 0):
            # model selection on its own episodes (fresh seeds; the grader's are hidden)
            score = float(np.mean(evaluate(agent.online, np.random.randint(2**31, size=10))))
            report.log(step=step, greedy_return=score)
            if score >= best:
                best, best_weights = score, copy.deepcopy(agent.online.state_dict())
        if step == steps:
            break
        action = agent.act(state, epsilon_at(step))
        next_state, reward, terminated, truncated, _ = env.step(action)
        # truncation (the 500-step limit) is not a terminal state: bootstrap through it
        buffer.push(state, action, reward, next_state, float(terminated))
        state, episode_return = next_state, episode_return + reward
        if terminated or truncated:
            episode += 1
            report.log(episode=episode, episode_return=episode_return, epsilon=epsilon_at(step))
            state, _ = env.reset()
            episode_return = 0.0
        if len(buffer) >= learning_starts:
            agent.learn(buffer.sample(batch_size))
    agent.online.load_state_dict(best_weights)
    return agent.online


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
