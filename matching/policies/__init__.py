"""Policies as data (seeds/policies/*.yaml) and the one subsidy estimator every caller uses."""
