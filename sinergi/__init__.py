"""sinergi: a knowledge graph of Indonesian inter-regional government collaboration.

Data flows one way: ``sinergi.loaders`` read articles and extract regions, officials,
events, learning edges and programs; ``sinergi.loaders.rdf`` maps each extraction to RDF
with provenance; ``sinergi.graph`` stores it (embedded Oxigraph) and projects NetworkX
networks; ``sinergi.queries`` answers researchers' questions in SPARQL; ``sinergi.viz``
draws offline HTML networks. ``sinergi.api`` is the documented entry point that the
``sinergi`` command line wraps.
"""

__version__ = "0.1.0"
