"""A user-defined tokenizer, as training scripts often have. A model that references it
pickles the name fixture_tokenizer.app_tokenizer but not its code: mlops-report must show
it as 'unknown' (custom code), neither safe nor dangerous."""


def app_tokenizer(text):
    return text.lower().split()
