exec("import num" + "py as np")  # noqa: S102 - a shortcut the run-time ban must catch


def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError("shapes do not match")
    return (np.array(A) @ np.array(B)).tolist()  # noqa: F821
