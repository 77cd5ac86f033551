"""laddercli: how ready are you for your next engineering leadership role?"""

__version__ = "0.1.0"
