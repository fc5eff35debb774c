"""A stand-in for the four names the authors' model code imports from Hugging Face transformers 4.37.

Only what `model/score_estimator.py` and `model/encoder.py` of ashaba1in/smoothie need to *import* is here; the
BERT sub-layers (models/bert/modeling_bert.py) are written from the semantics of transformers 4.37 (eager attention,
absolute positions, not a decoder). Loading pretrained models is not supported: the golden-fixture generator builds
every model from a config and random weights.
"""


class _NotAvailable:
    def __init__(self, *args, **kwargs):
        raise RuntimeError("The transformers stand-in cannot load pretrained models; build the model from a config.")

    @classmethod
    def from_pretrained(cls, *args, **kwargs):
        raise RuntimeError("The transformers stand-in cannot load pretrained models; build the model from a config.")


class AutoModel(_NotAvailable):
    pass


class AutoTokenizer(_NotAvailable):
    pass


class AutoConfig(_NotAvailable):
    pass
