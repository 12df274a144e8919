"""The layer layout both models must have, judged in the worker with a message that names the
first difference. Worker only."""

# (type, units, activation, parameters): Rescaling, then three Dense layers, 6,570 parameters.
LAYERS = [
    ("Rescaling", None, None, 0),
    ("Dense", 64, "relu", 64 * 64 + 64),
    ("Dense", 32, "relu", 64 * 32 + 32),
    ("Dense", 10, "softmax", 32 * 10 + 10),
]
TOTAL = sum(layer[3] for layer in LAYERS)


def _show(layer):
    kind, units, activation, _ = layer
    return f"{kind}({units}, {activation})" if units else kind


def _layers_problem(value, layers):
    if not isinstance(value, dict) or "layers" not in value:
        return f"returned {type(value).__name__}; expected the summary the given function builds"
    got = [
        (layer.get("type"), layer.get("units"), layer.get("activation"), layer.get("parameters"))
        for layer in value["layers"]
    ]
    if len(got) != len(layers):
        return (
            f"gave a model with the layers {[_show(g) for g in got]}; expected "
            f"{[_show(w) for w in layers]}"
        )
    for index, (want, have) in enumerate(zip(layers, got, strict=True), start=1):
        if want[:2] != have[:2]:
            return f"gave {_show(have)} as layer {index}; expected {_show(want)}"
        if want[2] != have[2]:
            extra = (
                ": sparse_categorical_crossentropy expects probabilities, so the last layer "
                'needs activation="softmax"'
                if want[2] == "softmax"
                else ""
            )
            return f"gave layer {index} ({want[0]}, {want[1]} units) the activation {have[2]!r}; expected {want[2]!r}{extra}"
        if want[3] != have[3]:
            return f"gave layer {index} ({_show(want)}) {have[3]} parameters; expected {want[3]}"
    if value.get("parameters") != TOTAL:
        return f"has {value.get('parameters')} parameters in all; expected {TOTAL}"
    return None


def sequential_is(value):
    """build_sequential's summary: a Sequential with LAYERS."""
    problem = _layers_problem(value, LAYERS)
    if problem:
        return problem
    if value.get("is_sequential") is not True:
        return "returned a model that is not a keras.Sequential"
    return None


def functional_is(value):
    """build_functional's summary: a Functional model (its InputLayer first) with LAYERS, the
    input named "pixels" and the output "digit"."""
    if isinstance(value, dict) and value.get("is_sequential"):
        return (
            "returned a keras.Sequential; build the model with the Functional API: "
            'keras.Input(shape=(64,), name="pixels"), call each layer on the previous output, '
            "keras.Model(inputs=..., outputs=...)"
        )
    problem = _layers_problem(value, [("InputLayer", None, None, 0), *LAYERS])
    if problem:
        return problem
    if value.get("input_names") != ["pixels"]:
        return f"has the inputs {value.get('input_names')}; expected one input named 'pixels'"
    if value.get("output_names") != ["digit"]:
        return f"has the outputs {value.get('output_names')}; expected one output, the layer named 'digit'"
    if value.get("output_shape") != [10]:
        return f"gives outputs of shape {value.get('output_shape')} per image; expected [10]"
    return None
