"""The analysis stage: NetworkX networks and the policy-diffusion analytics over the store.

Start at :mod:`.diffusion`, which lists the modules and holds the store-level recipes
behind ``sinergi analyze``; :mod:`.frames` turns any result into a pandas DataFrame.
"""
