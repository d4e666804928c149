#!/usr/bin/env Rscript
# The paper's many-short-chains regime for NUTS (langevin.md §10.5): K chains started at 0, a short warm-up
# whose draws are kept (numpyro's collect_warmup = TRUE), then a few draws. Writes every iteration's state
# and leapfrog count: OUT.csv with columns chain, iter, n_leapfrog, w1..wD, b (iter counts warm-up first).
# Usage: Rscript nuts_short.R DATA.csv OUT.csv CHAINS WARMUP DRAWS SEED
suppressPackageStartupMessages(library(rstan))
args <- commandArgs(trailingOnly = TRUE)
data_file <- args[1]; out <- args[2]
chains <- as.integer(args[3]); warmup <- as.integer(args[4]); draws <- as.integer(args[5]); seed <- as.integer(args[6])
script_dir <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])))
rstan_options(auto_write = TRUE)
d <- read.csv(data_file, check.names = FALSE)
y <- as.integer(d$y)
X <- as.matrix(d[, setdiff(names(d), "y"), drop = FALSE])
X <- scale(X, center = TRUE, scale = apply(X, 2, sd))
cache_dir <- Sys.getenv("STAN_CACHE", "target/mcmc")
dir.create(cache_dir, showWarnings = FALSE, recursive = TRUE)
stan_file <- file.path(cache_dir, "logistic.stan")
src <- readLines(file.path(script_dir, "logistic.stan"))
if (!file.exists(stan_file) || !identical(readLines(stan_file), src)) writeLines(src, stan_file)
model <- stan_model(stan_file, auto_write = TRUE)
fit <- suppressWarnings(sampling(model, data = list(N = nrow(X), D = ncol(X), X = X, y = y), chains = chains,
                                 warmup = warmup, iter = warmup + draws, seed = seed, cores = 1, refresh = 0,
                                 init = 0, save_warmup = TRUE))
arr <- as.array(extract(fit, permuted = FALSE, inc_warmup = TRUE))  # [iter, chain, param]
sp <- get_sampler_params(fit, inc_warmup = TRUE)
pars <- dimnames(arr)[[3]]
pars <- pars[pars != "lp__"]
names_out <- c(paste0("w", seq_len(ncol(X))), "b")
rows <- lapply(seq_len(chains), function(c) {
  m <- arr[, c, pars, drop = FALSE][, 1, , drop = TRUE]
  if (is.null(dim(m))) m <- matrix(m, nrow = 1)
  colnames(m) <- names_out
  data.frame(chain = c - 1, iter = seq_len(nrow(m)) - 1, n_leapfrog = sp[[c]][, "n_leapfrog__"], m, check.names = FALSE)
})
write.csv(do.call(rbind, rows), out, row.names = FALSE)
