-- Routed models (BTT-MoE, standard MoE) log how their routers spread tokens over experts.
ALTER TABLE metrics ADD COLUMN router_perplexity DOUBLE PRECISION;
ALTER TABLE metrics ADD COLUMN router_spread DOUBLE PRECISION;
