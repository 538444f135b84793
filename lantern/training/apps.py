from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "lantern.training"
    label = "training"
    verbose_name = "Training"
