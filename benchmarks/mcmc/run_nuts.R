#!/usr/bin/env Rscript
# NUTS (rstan, default diag_e metric) on the logistic-regression model of logistic.stan.
# Usage: Rscript run_nuts.R DATA.csv OUT_PREFIX CHAINS WARMUP DRAWS SEED [CORES]
# Writes OUT_PREFIX_summary.csv (parameter, mean, sd, q5, q50, q95, rhat, ess_bulk, ess_tail, mcse_mean)
# and OUT_PREFIX_stats.csv (n_leapfrog incl. warm-up, min bulk ESS, sampling wall time, ...).
# The compiled model is cached next to this script (logistic.rds) so later runs do not recompile.
suppressPackageStartupMessages(library(rstan))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 6) stop("usage: run_nuts.R DATA.csv OUT_PREFIX CHAINS WARMUP DRAWS SEED [CORES]")
data_file <- args[1]; out <- args[2]
chains <- as.integer(args[3]); warmup <- as.integer(args[4]); draws <- as.integer(args[5])
seed <- as.integer(args[6]); cores <- if (length(args) >= 7) as.integer(args[7]) else 1L
script_dir <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])))
rstan_options(auto_write = TRUE)

d <- read.csv(data_file, check.names = FALSE)
y <- as.integer(d$y)
X <- as.matrix(d[, setdiff(names(d), "y"), drop = FALSE])
# Standardize over all rows with the n-1 sd (R's sd), as the Java LogisticRegression does.
X <- scale(X, center = TRUE, scale = apply(X, 2, sd))
stan_data <- list(N = nrow(X), D = ncol(X), X = X, y = y)

# Compile once into a cache folder (default target/mcmc, outside version control); rstan reuses the
# compiled model (logistic.rds) while logistic.stan is unchanged.
cache_dir <- Sys.getenv("STAN_CACHE", "target/mcmc")
dir.create(cache_dir, showWarnings = FALSE, recursive = TRUE)
stan_file <- file.path(cache_dir, "logistic.stan")
src <- readLines(file.path(script_dir, "logistic.stan"))
if (!file.exists(stan_file) || !identical(readLines(stan_file), src)) writeLines(src, stan_file)
model <- stan_model(stan_file, auto_write = TRUE)
t0 <- Sys.time()
fit <- sampling(model, data = stan_data, chains = chains, warmup = warmup, iter = warmup + draws,
                seed = seed, cores = cores, refresh = 0, init = 0)
wall <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
et <- get_elapsed_time(fit)  # per chain: warmup, sample seconds (pure sampling time, no start-up)

sp <- get_sampler_params(fit, inc_warmup = TRUE)
n_leapfrog <- sum(sapply(sp, function(s) sum(s[, "n_leapfrog__"])))
divergent <- sum(sapply(sp, function(s) sum(s[(warmup + 1):(warmup + draws), "divergent__"])))

arr <- as.array(fit)  # [iteration, chain, parameter], post-warm-up
pars <- dimnames(arr)[[3]]
pars <- pars[pars != "lp__"]
names_out <- c(paste0("w", seq_len(ncol(X))), "b")
rows <- lapply(seq_along(pars), function(k) {
  m <- arr[, , pars[k], drop = TRUE]
  v <- as.vector(m)
  data.frame(parameter = names_out[k], mean = mean(v), sd = sd(v),
             q5 = unname(quantile(v, 0.05)), q50 = unname(quantile(v, 0.5)), q95 = unname(quantile(v, 0.95)),
             rhat = rstan::Rhat(m), ess_bulk = rstan::ess_bulk(m), ess_tail = rstan::ess_tail(m),
             mcse_mean = sd(v) / sqrt(rstan::ess_bulk(m)))
})
summ <- do.call(rbind, rows)
# Optional: SAVE_DRAWS=n writes n post-warm-up draws, evenly thinned over the pooled chains, to
# OUT_PREFIX_draws.csv (the reference sample of the energy-distance study, paper_regime.R / PaperRegime.java).
save_n <- as.integer(Sys.getenv("SAVE_DRAWS", "0"))
if (save_n > 0) {
  pooled <- do.call(rbind, lapply(seq_len(dim(arr)[2]), function(c) arr[, c, pars, drop = TRUE]))
  keep <- unique(round(seq(1, nrow(pooled), length.out = min(save_n, nrow(pooled)))))
  d_out <- pooled[keep, , drop = FALSE]
  colnames(d_out) <- names_out
  write.csv(d_out, paste0(out, "_draws.csv"), row.names = FALSE)
}
write.csv(summ, paste0(out, "_summary.csv"), row.names = FALSE)
stats <- data.frame(data = basename(data_file), chains = chains, warmup = warmup, draws = draws,
                    n_leapfrog = n_leapfrog, min_ess_bulk = min(summ$ess_bulk),
                    wall_seconds = sum(et), wall_total_seconds = wall, divergent = divergent)
write.csv(stats, paste0(out, "_stats.csv"), row.names = FALSE)
print(stats)
