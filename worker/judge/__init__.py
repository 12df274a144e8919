"""The judge: turns what the sandbox observed into checks, scores and messages.

The sandbox computes; the judge decides (DESIGN.md, grading contract point 3). Expected
values come from the reference solution's run and never enter the learner's container.
"""
