"""West China Innovation Atlas (西部科技创新地图): the command line, ``python -m atlas`` (exports,
data imports). The top floor of docs/architecture.md.
"""
