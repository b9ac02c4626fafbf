"""Training data and the model behind the cleaner's block labeller (`python -m training.build`)."""
