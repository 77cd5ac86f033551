"""A path's questionnaire, its answers, their scores, several raters."""
