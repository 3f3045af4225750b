"""tpcycle: a reflective-practice journal for a teacher and a thought partner."""

__version__ = "0.1.0"
