"""West China Innovation Atlas (西部科技创新地图): data model and loaders."""
