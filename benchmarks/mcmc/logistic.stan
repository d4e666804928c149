// Bayesian logistic regression, the reference model of docs/mcmc.md and /work/shared/data/README.md:
// features standardized beforehand (mean 0, sample sd 1 with the n-1 denominator, over all rows),
// w_j ~ N(0, 0.5^2), b ~ N(0, 1), y_i ~ Bernoulli(logit^-1(x_i . w + b)).
data {
  int<lower=1> N;
  int<lower=1> D;
  matrix[N, D] X;
  int<lower=0, upper=1> y[N];
}
parameters {
  vector[D] w;
  real b;
}
model {
  w ~ normal(0, 0.5);
  b ~ normal(0, 1);
  y ~ bernoulli_logit_glm(X, b, w);
}
